package dev.ddspatterns.service.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The path a client asked for, as a problem's {@code instance}: what it sent, still
 * percent-encoded, without the query, and never more than {@value #MAX_LENGTH}
 * characters, so a huge path is named by its start instead of being echoed back. Bytes a
 * URI may not carry (a {@code %} without two hex digits, a space, a control character)
 * are percent-encoded, so the instance is a URI reference whatever the client sent.
 */
public final class ClientPath {

	/** How many characters of a path a problem quotes at most. */
	public static final int MAX_LENGTH = 256;

	private static final String HEX = "0123456789ABCDEF";

	/** RFC 3986 {@code pchar} without {@code %}, and {@code /}. */
	private static final String PATH_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			+ "-._~!$&'()*+,;=:@/";

	private ClientPath() {
	}

	/**
	 * @param requestTarget the request target of the request line: a path with an
	 * optional query, or an absolute URI
	 * @return the client's path as an instance, or empty if the target names no path
	 * (such as {@code *})
	 */
	public static Optional<URI> of(String requestTarget) {
		String path = pathOf(requestTarget);
		if (path.isEmpty()) {
			return Optional.empty();
		}
		StringBuilder quoted = new StringBuilder(Math.min(path.length(), MAX_LENGTH));
		int i = 0;
		while (i < path.length()) {
			boolean escape = isEscape(path, i);
			int codePoint = path.codePointAt(i);
			String next = escape ? path.substring(i, i + 3) : quoted(codePoint);
			if (quoted.length() + next.length() > MAX_LENGTH) {
				break;
			}
			quoted.append(next);
			i += escape ? 3 : Character.charCount(codePoint);
		}
		return Optional.of(URI.create(quoted.toString()));
	}

	/**
	 * The path of the target, with a leading run of slashes as one: {@code //host/x}
	 * would read as a URI naming another host.
	 */
	private static String pathOf(String target) {
		String path = target;
		int scheme = path.indexOf("://");
		if (scheme > 0 && !path.startsWith("/")) {
			int slash = path.indexOf('/', scheme + 3);
			path = (slash < 0) ? "/" : path.substring(slash);
		}
		if (!path.startsWith("/")) {
			return "";
		}
		int end = path.length();
		for (char delimiter : new char[] { '?', '#' }) {
			int at = path.indexOf(delimiter);
			end = (at >= 0) ? Math.min(end, at) : end;
		}
		int start = 0;
		while (start + 1 < end && path.charAt(start + 1) == '/') {
			start++;
		}
		return path.substring(start, end);
	}

	private static boolean isEscape(String path, int i) {
		return path.charAt(i) == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2));
	}

	/**
	 * A character as it may stand in a URI path. Servers hand over the request line's
	 * bytes one per character, so a character up to {@code 0xFF} is one byte; anything
	 * larger is encoded as UTF-8.
	 */
	private static String quoted(int codePoint) {
		if (codePoint != '%' && PATH_CHARACTERS.indexOf(codePoint) >= 0) {
			return Character.toString(codePoint);
		}
		byte[] bytes = (codePoint <= 0xFF) ? new byte[] { (byte) codePoint }
				: Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
		StringBuilder escape = new StringBuilder(bytes.length * 3);
		for (byte b : bytes) {
			escape.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
		}
		return escape.toString();
	}

	private static boolean isHex(char c) {
		return HEX.indexOf(Character.toUpperCase(c)) >= 0;
	}

}
