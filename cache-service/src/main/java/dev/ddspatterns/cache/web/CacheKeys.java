package dev.ddspatterns.cache.web;

import java.util.regex.Pattern;

/**
 * The keys the API accepts: 1 to {@code max} characters of letters, digits and {@code . _
 * : - @ + = { }}. Braces are allowed for hash tags; a client percent-encodes them in the
 * URL.
 */
final class CacheKeys {

	private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@+={}-]+");

	private CacheKeys() {
	}

	/**
	 * @param key the key from the request
	 * @param maxLength the longest key accepted
	 * @return why the key is refused, or {@code null} if it is fine
	 */
	static String problemWith(String key, int maxLength) {
		if (key == null || key.isEmpty()) {
			return "The key must not be empty";
		}
		if (key.length() > maxLength) {
			return "The key is " + key.length() + " characters long; the limit is " + maxLength;
		}
		if (!ALLOWED.matcher(key).matches()) {
			return "The key may contain only letters, digits and . _ : - @ + = { }";
		}
		return null;
	}

}
