package dev.ddspatterns.sharding;

/**
 * Key selection the way Redis Cluster does it: when a key contains a {@code {tag}}, only
 * the tag is hashed, so keys that share a tag share a shard and an operation over several
 * of them (a transaction, a multi-key read, a Lua script) stays on one server.
 *
 * <p>
 * The rules are those of the Redis Cluster specification: take the first
 * <code>&#123;</code> and the first <code>&#125;</code> after it; if at least one
 * character lies between them, those characters are hashed; otherwise (no braces, no
 * closing brace, or an empty {@code {}}) the whole key is. So {@code {user42}:cart} and
 * {@code {user42}:profile} hash only {@code user42}, while {@code foo{}{bar}} hashes the
 * whole key.
 *
 * <p>
 * The price is that a tag concentrates load: every key and every request of a busy tag
 * lands on one shard. Tag by something with many values (a user, a tenant), never by a
 * constant.
 */
public final class HashTag {

	private HashTag() {
	}

	/**
	 * @param key the caller's key
	 * @return the part of the key to hash: the tag if there is a non-empty one, else the
	 * whole key (the same instance, so untagged keys allocate nothing)
	 */
	public static String select(String key) {
		int open = key.indexOf('{');
		if (open >= 0) {
			int close = key.indexOf('}', open + 1);
			if (close > open + 1) {
				return key.substring(open + 1, close);
			}
		}
		return key;
	}

}
