package dev.ddspatterns.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A cached value with its content type, as kept in Redis: the content type, a newline,
 * then the bytes, in one string value, so one {@code SET ... PX} stores both atomically.
 *
 * @param contentType the media type the value was stored with
 * @param bytes the value
 */
public record StoredValue(String contentType, byte[] bytes) {

	private static final byte SEPARATOR = '\n';

	/**
	 * @return the Redis representation
	 */
	public byte[] encode() {
		byte[] type = this.contentType.getBytes(StandardCharsets.US_ASCII);
		byte[] encoded = Arrays.copyOf(type, type.length + 1 + this.bytes.length);
		encoded[type.length] = SEPARATOR;
		System.arraycopy(this.bytes, 0, encoded, type.length + 1, this.bytes.length);
		return encoded;
	}

	/**
	 * @param encoded a value written by {@link #encode()}
	 * @return the value
	 */
	public static StoredValue decode(byte[] encoded) {
		int separator = 0;
		while (separator < encoded.length && encoded[separator] != SEPARATOR) {
			separator++;
		}
		if (separator == encoded.length) {
			return new StoredValue("application/octet-stream", encoded);
		}
		return new StoredValue(new String(encoded, 0, separator, StandardCharsets.US_ASCII),
				Arrays.copyOfRange(encoded, separator + 1, encoded.length));
	}

	/**
	 * A value read back together with what is left of its time to live.
	 *
	 * @param value the value
	 * @param ttl the remaining time to live, or {@code null} if it never expires
	 * @param source where it was read: a Redis server's role or the near cache
	 */
	public record Read(StoredValue value, Duration ttl, String source) {
	}

}
