package dev.ddspatterns.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.ApiKey;
import org.jspecify.annotations.Nullable;

/**
 * The API keys the gateway honours, held as SHA-256 digests. A key is a credential: it
 * buys its holder a bucket of its own, so a key nobody registered must buy nothing, or a
 * client could invent a fresh key, and a fresh bucket, for every request.
 *
 * <p>
 * Why a plain SHA-256 and not a slow password hash: an API key is a long random token,
 * not something a person chose, so there is nothing to guess from its digest, and the
 * check runs on every request. A key should carry at least 128 random bits
 * ({@code openssl rand -hex 32}).
 *
 * <p>
 * Why every digest is compared, in constant time, without stopping at a match: the time a
 * lookup takes then depends on how many keys there are, never on how much of a presented
 * key's digest matches a registered one.
 */
final class ApiKeys {

	private final List<Registered> keys;

	ApiKeys(List<ApiKey> registered) {
		this.keys = registered.stream()
			.map((key) -> new Registered(key.name(), HexFormat.of().parseHex(key.sha256())))
			.toList();
	}

	/**
	 * @param presented the key a request carries
	 * @return the name it is registered under, or empty if it is not registered
	 */
	Optional<String> nameOf(String presented) {
		byte[] digest = sha256(presented);
		@Nullable String name = null;
		for (Registered key : this.keys) {
			if (MessageDigest.isEqual(key.digest(), digest)) {
				name = key.name();
			}
		}
		return Optional.ofNullable(name);
	}

	static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	private record Registered(String name, byte[] digest) {

	}

}
