package dev.ddspatterns.testsupport.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Just enough of the Redis protocol to ask a server whether it is up (or how many keys it
 * holds, for the demo), without pulling a client library into every test's start-up path.
 */
public final class RespProbe {

	private RespProbe() {
	}

	/**
	 * Sends one inline command and returns the reply's text (simple string, error or bulk
	 * string).
	 * @param address the server
	 * @param command an inline command such as {@code PING}
	 * @param timeoutMillis connect and read timeout
	 * @return the reply text; errors start with {@code -}
	 * @throws IOException if the server does not answer in time
	 */
	public static String call(InetSocketAddress address, String command, int timeoutMillis) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(address, timeoutMillis);
			socket.setSoTimeout(timeoutMillis);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			String line = readLine(in);
			if (!line.startsWith("$")) {
				return line.startsWith("+") ? line.substring(1) : line;
			}
			int length = Integer.parseInt(line.substring(1));
			return (length < 0) ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Polls a server until a reply contains {@code expected}.
	 * @param address the server
	 * @param command the command to repeat
	 * @param expected text the reply must contain
	 * @param timeout how long to keep trying
	 * @param stillStarting false when waiting is pointless (the process died)
	 * @return whether the expected reply came in time
	 */
	static boolean awaitReply(InetSocketAddress address, String command, String expected, Duration timeout,
			BooleanSupplier stillStarting) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && stillStarting.getAsBoolean()) {
			try {
				String reply = call(address, command, 500);
				if (reply != null && reply.contains(expected)) {
					return true;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != '\n') {
			if (b == -1) {
				throw new IOException("Connection closed before a reply");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.UTF_8);
	}

}
