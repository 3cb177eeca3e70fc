package dev.ddspatterns.cache.shards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisScriptingCommands;

/**
 * One of the Lua scripts in {@code scripts/}, each one atomic step of the sharding
 * protocol. It is sent by its SHA-1 ({@code EVALSHA}) and whole only when a server does
 * not know it, as a restarted server does not.
 *
 * @param source the script
 * @param sha its SHA-1, hex
 */
record LuaScript(String source, String sha) {

	static final LuaScript READ = load("read");

	static final LuaScript WRITE = load("write");

	static final LuaScript DELETE = load("delete");

	static final LuaScript COPY = load("copy");

	static final LuaScript FENCE = load("fence");

	static final LuaScript PUBLISH_MAP = load("publish-map");

	static final LuaScript LEASE = load("lease");

	static LuaScript load(String name) {
		try (InputStream in = LuaScript.class.getResourceAsStream("/scripts/" + name + ".lua")) {
			if (in == null) {
				throw new IllegalStateException("No script scripts/" + name + ".lua");
			}
			String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
			return new LuaScript(source, HexFormat.of().formatHex(digest));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param <T> the result type
	 * @param redis a connection
	 * @param type how to read the answer
	 * @param keys the script's KEYS
	 * @param args the script's ARGV
	 * @return the answer
	 */
	@SafeVarargs
	final <K, V, T> T run(RedisScriptingCommands<K, V> redis, ScriptOutputType type, K[] keys, V... args) {
		try {
			return redis.evalsha(this.sha, type, keys, args);
		}
		catch (RedisNoScriptException ex) {
			return redis.eval(this.source, type, keys, args);
		}
	}

}
