package dev.ddspatterns.gateway.caching;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The directives of one message's {@code Cache-Control} header (RFC 9111 section 5.2),
 * parsed from all its lines: {@code no-store, max-age=60} and two lines {@code no-store}
 * and {@code max-age=60} mean the same. Names are case-insensitive; a quoted argument
 * loses its quotes.
 */
record CacheDirectives(Map<String, String> directives) {

	static CacheDirectives parse(List<String> headerLines) {
		Map<String, String> directives = new HashMap<>();
		for (String line : headerLines) {
			for (String directive : line.split(",")) {
				String trimmed = directive.strip();
				if (trimmed.isEmpty()) {
					continue;
				}
				int equals = trimmed.indexOf('=');
				String name = ((equals < 0) ? trimmed : trimmed.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
				String argument = (equals < 0) ? "" : unquote(trimmed.substring(equals + 1).strip());
				directives.putIfAbsent(name, argument);
			}
		}
		return new CacheDirectives(Map.copyOf(directives));
	}

	boolean has(String name) {
		return this.directives.containsKey(name);
	}

	/**
	 * @param name a delta-seconds directive such as {@code max-age}
	 * @return its value; {@code null} when absent or not a number, which RFC 9111 says to
	 * treat as if the directive were missing
	 */
	@Nullable Duration seconds(String name) {
		String value = this.directives.get(name);
		if (value == null || value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			// More digits than a long holds: RFC 9111 says to use the largest value.
			return Duration.ofSeconds(Integer.MAX_VALUE);
		}
	}

	private static String unquote(String value) {
		boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
		return quoted ? value.substring(1, value.length() - 1) : value;
	}

}
