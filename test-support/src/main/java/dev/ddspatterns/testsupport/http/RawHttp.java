package dev.ddspatterns.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends a request exactly as written, byte for byte (each character one byte), the way a
 * hostile client would: request lines and headers no HTTP client library would produce,
 * over plain TCP or TLS. It reads one response; the request should ask for
 * {@code Connection: close}, or be one the server closes the connection after.
 */
public final class RawHttp {

	/** How long a test waits for a server's answer before failing. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	private RawHttp() {
	}

	/**
	 * A {@code GET} with {@code Host} and {@code Connection: close}, and more header
	 * lines if given.
	 * @param target the request target, sent as is
	 * @param headerLines extra header lines, without their line ends
	 * @return the request's bytes as a string
	 */
	public static String get(String target, String... headerLines) {
		StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
		request.append("Host: localhost\r\nConnection: close\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return request.append("\r\n").toString();
	}

	/**
	 * @param port a server on the loopback address
	 * @param request the request, one byte per character
	 * @return the response it answered with
	 */
	public static Response exchange(int port, String request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return exchange(socket, request);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer from port " + port, ex);
		}
	}

	/**
	 * The same over TLS, offering only HTTP/1.1 through ALPN.
	 * @param tls a context that trusts the server's certificate
	 * @param port a TLS server on the loopback address
	 * @param request the request, one byte per character
	 * @return the response it answered with
	 */
	public static Response exchange(SSLContext tls, int port, String request) {
		try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port)) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setApplicationProtocols(new String[] { "http/1.1" });
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			return exchange(socket, request);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer from port " + port, ex);
		}
	}

	private static Response exchange(Socket socket, String request) throws IOException {
		socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
		OutputStream out = socket.getOutputStream();
		try {
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}
		catch (IOException ex) {
			// A server may answer and close before the whole request is written: its
			// answer is still there to read.
		}
		return Response.read(socket.getInputStream());
	}

	/**
	 * One response.
	 *
	 * @param status its status code
	 * @param headers its header fields, names in lower case (the last of repeated ones)
	 * @param body its body, chunked transfer decoded, as UTF-8
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		/**
		 * @param name a header name, in any case
		 * @return its value, if the response has the header
		 */
		public Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase(Locale.ROOT)));
		}

		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
				throw new IOException("Not an HTTP response: '" + statusLine + "'");
			}
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).trim());
			}
			byte[] body;
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = chunked(in);
			}
			else if (headers.containsKey("content-length")) {
				body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
			}
			else {
				body = in.readAllBytes();
			}
			return new Response(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] chunked(InputStream in) throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
				body.writeBytes(in.readNBytes(size));
				line(in);
			}
			return body.toByteArray();
		}

		private static int chunkSize(String line) {
			int extension = line.indexOf(';');
			return Integer.parseInt((extension < 0) ? line.trim() : line.substring(0, extension).trim(), 16);
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					throw new IOException("The connection closed mid-line after '" + line + "'");
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

}
