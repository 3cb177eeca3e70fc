package dev.ddspatterns.gateway.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Decides who is calling, which is what a bucket is kept for: the API key when the
 * request carries one, else the client's address.
 *
 * <p>
 * The client's address is the TCP peer, unless the peer is a trusted proxy. Then
 * {@code X-Forwarded-For} is read from the right, past every trusted proxy, to the first
 * address that is not one: each trusted proxy appended the address it saw, so that entry
 * is vouched for, while everything left of it is whatever the client chose to send. A
 * client that talks to the gateway directly cannot pick its bucket by sending the header.
 *
 * <p>
 * An API key is only as good as its authentication: the gateway does not check keys, so a
 * client inventing a new key per request gets a new bucket per request. Authenticate keys
 * in front of the limiter before relying on them against abuse.
 */
final class CallerKeys {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final String apiKeyHeader;

	private final List<IpRange> trustedProxies;

	CallerKeys(String apiKeyHeader, List<IpRange> trustedProxies) {
		this.apiKeyHeader = apiKeyHeader;
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	/**
	 * @param request the incoming request
	 * @return {@code key:<fingerprint>} or {@code ip:<address>}
	 */
	String of(ServerHttpRequest request) {
		String apiKey = request.getHeaders().getFirst(this.apiKeyHeader);
		if (StringUtils.hasText(apiKey)) {
			return "key:" + fingerprint(apiKey.trim());
		}
		InetAddress client = clientAddress(request);
		return "ip:" + ((client != null) ? addressKey(client) : "unknown");
	}

	/**
	 * An IPv4 address is one caller. An IPv6 host usually gets a whole /64 to itself and
	 * can use any of its 2^64 addresses, so it is counted by its /64: otherwise a client
	 * could change address for every request and never run out of tokens.
	 */
	private static String addressKey(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] network = address.getAddress();
		Arrays.fill(network, 8, 16, (byte) 0);
		try {
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are always an IPv6 address", ex);
		}
	}

	@Nullable InetAddress clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress peer = (remote != null) ? remote.getAddress() : null;
		if (peer == null || !isTrusted(peer)) {
			return peer;
		}
		List<String> hops = forwardedFor(request);
		InetAddress client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = IpRange.parse(hops.get(i));
			if (hop == null) {
				// A trusted proxy writes addresses, so this entry came from elsewhere:
				// the
				// nearest address we can vouch for is the last one.
				return client;
			}
			client = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((range) -> range.contains(address));
	}

	/** Every hop of every {@code X-Forwarded-For} header, leftmost (farthest) first. */
	private static List<String> forwardedFor(ServerHttpRequest request) {
		List<String> values = request.getHeaders().getValuesAsList(FORWARDED_FOR);
		return values.stream().filter(StringUtils::hasText).toList();
	}

	/**
	 * Bucket keys show up in Redis (SCAN, MONITOR, the slow log), so they carry a digest
	 * of the API key, never the key itself.
	 */
	private static String fingerprint(String apiKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
