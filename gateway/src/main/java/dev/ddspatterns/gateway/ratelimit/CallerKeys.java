package dev.ddspatterns.gateway.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * Decides who is calling, which is what a bucket is kept for: the registered API key when
 * the request carries one, else the client's address.
 *
 * <p>
 * The client's address is the TCP peer, unless the peer is a trusted proxy. Then
 * {@code X-Forwarded-For} is read from the right, past every trusted proxy, to the first
 * address that is not one: each trusted proxy appended the address it saw, so that entry
 * is vouched for, while everything left of it is whatever the client chose to send. A
 * client that talks to the gateway directly cannot pick its bucket by sending the header.
 *
 * <p>
 * An API key is a credential, checked against the {@link ApiKeys registered ones}. A key
 * that is not registered names nobody: it is {@link Caller.UnknownKey refused}, not
 * counted by the address instead, so that a client learns its key is wrong rather than
 * being silently limited as someone else; and a client inventing a key per request, which
 * once bought a fresh bucket per request, buys nothing.
 */
final class CallerKeys {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final String apiKeyHeader;

	private final ApiKeys apiKeys;

	private final List<IpRange> trustedProxies;

	CallerKeys(String apiKeyHeader, ApiKeys apiKeys, List<IpRange> trustedProxies) {
		this.apiKeyHeader = apiKeyHeader;
		this.apiKeys = apiKeys;
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	/**
	 * @param request the incoming request
	 * @return {@code key:<name>} for a registered key, {@code ip:<address>} without a
	 * key, or an unknown key
	 */
	Caller of(ServerHttpRequest request) {
		String apiKey = request.getHeaders().getFirst(this.apiKeyHeader);
		if (StringUtils.hasText(apiKey)) {
			return this.apiKeys.nameOf(apiKey.trim())
				.<Caller>map((name) -> new Caller.Counted("key:" + name))
				.orElseGet(Caller.UnknownKey::new);
		}
		InetAddress client = clientAddress(request);
		return new Caller.Counted("ip:" + ((client != null) ? addressKey(client) : "unknown"));
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
				// A trusted proxy writes addresses, so this entry came from
				// elsewhere: the nearest address we can vouch for is the last one.
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

	/**
	 * Every hop of every {@code X-Forwarded-For} header, leftmost (farthest) first, as
	 * written. Not {@code HttpHeaders.getValuesAsList}: it reads HTTP tokens, unquoting
	 * {@code "198.51.100.20"} and dropping the space in {@code 198 .51.100.20}, so text
	 * no proxy wrote would pass for an address.
	 */
	private static List<String> forwardedFor(ServerHttpRequest request) {
		return request.getHeaders()
			.getOrEmpty(FORWARDED_FOR)
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter(StringUtils::hasText)
			.toList();
	}

}
