package dev.ddspatterns.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API keys for a test's gateway, registered the way a deployment registers them: by name
 * and SHA-256, computed here independently of the gateway's own code.
 */
final class RegisteredKeys {

	private RegisteredKeys() {
	}

	/**
	 * @param keys the keys, each registered under its own value as name
	 * @return the {@code suite.gateway.rate-limit.api-keys} properties that register them
	 */
	static Map<String, String> properties(List<String> keys) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < keys.size(); i++) {
			String prefix = "suite.gateway.rate-limit.api-keys[" + i + "].";
			properties.put(prefix + "name", keys.get(i));
			properties.put(prefix + "sha256", sha256(keys.get(i)));
		}
		return properties;
	}

	/** As {@code printf %s key | sha256sum} prints it. */
	static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
