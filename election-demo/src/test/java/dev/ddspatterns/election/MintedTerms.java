package dev.ddspatterns.election;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ddspatterns.election.lease.RedisLeases;
import dev.ddspatterns.testsupport.redis.RedisNode;

/**
 * Every term the store mints for one lease, as Redis itself reports it: {@code MONITOR}
 * shows each command a Lua script runs, so each {@code HSET} of the lease's term is seen
 * whether or not the candidate that sent the script ever got its answer.
 */
final class MintedTerms implements AutoCloseable {

	private final Socket socket;

	private final Pattern term;

	private final List<Term> minted = new ArrayList<>();

	private MintedTerms(RedisNode redis, String lease) throws IOException {
		this.term = Pattern.compile("\"HSET\" \"" + Pattern.quote(RedisLeases.key(lease, "term"))
				+ "\" \"holder\" \"([^\"]+)\" \"token\" \"(\\d+)\"");
		this.socket = new Socket(redis.host(), redis.port());
		this.socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.UTF_8));
		BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		if (!"+OK".equals(lines.readLine())) {
			throw new IOException("MONITOR was refused");
		}
		Thread.ofPlatform().name("minted-terms").daemon().start(() -> read(lines));
	}

	/**
	 * Starts watching.
	 * @param redis the Redis holding the lease
	 * @param lease the lease's name, such as {@code leader}
	 * @return the watching monitor
	 */
	static MintedTerms watch(RedisNode redis, String lease) {
		try {
			return new MintedTerms(redis, lease);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void read(BufferedReader lines) {
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				Matcher matcher = this.term.matcher(line);
				if (matcher.find()) {
					synchronized (this) {
						this.minted.add(new Term(matcher.group(1), Long.parseLong(matcher.group(2))));
					}
				}
			}
		}
		catch (IOException ex) {
			// Closed: the test has what it needs.
		}
	}

	/**
	 * @return the terms minted so far, in order
	 */
	synchronized List<Term> minted() {
		return List.copyOf(this.minted);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * A term as the store minted it.
	 *
	 * @param holder the candidate it was minted for
	 * @param token its fencing token
	 */
	record Term(String holder, long token) {

	}

}
