package dev.ddspatterns.gateway.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.ApiKey;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is calling, from whatever headers a client sends: a non-blank {@code X-API-Key}
 * names the registered caller it is the key of, or nobody ({@link Caller.UnknownKey},
 * 401); without a key the caller is an address, the peer's or, behind a trusted proxy,
 * one of the {@code X-Forwarded-For} hops, and never text the client chose. The input is
 * lines, ISO-8859-1 as header bytes arrive: the peer's address, the API key (empty: no
 * header), then one {@code X-Forwarded-For} header per line.
 */
class CallerKeysFuzzTests {

	private static final InetAddress UNTRUSTED_PEER = IpRange.parse("203.0.113.7");

	private static final List<IpRange> trustedProxies = Stream.of("10.0.0.0/8", "192.168.1.1", "fd00::/8")
		.map(IpRange::of)
		.toList();

	private static final CallerKeys callers = new CallerKeys("X-API-Key",
			new ApiKeys(List.of(new ApiKey("partner", CallerKeysTests.S3CRET_KEY_SHA256))), trustedProxies);

	@FuzzTest
	void aCallerIsARegisteredKeyOrAnAddressNeverClientText(byte[] input) {
		List<String> lines = Arrays.asList(new String(input, StandardCharsets.ISO_8859_1).split("\n", -1));
		InetAddress parsedPeer = IpRange.parse(lines.get(0));
		InetAddress peer = (parsedPeer != null) ? parsedPeer : UNTRUSTED_PEER;
		String apiKey = (lines.size() > 1) ? lines.get(1) : "";
		List<String> forwardedFor = (lines.size() > 2) ? lines.subList(2, lines.size()) : List.of();
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/search")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (!apiKey.isEmpty()) {
			request.header("X-API-Key", apiKey);
		}
		forwardedFor.forEach((hop) -> request.header("X-Forwarded-For", hop));

		Caller caller = callers.of(request.build());

		if (!apiKey.isBlank()) {
			// trim(), not strip(): control characters around the key go too (Netty
			// refuses them in a header anyway).
			assertThat(caller).isEqualTo(
					apiKey.trim().equals("s3cret-key") ? new Caller.Counted("key:partner") : new Caller.UnknownKey());
			return;
		}
		assertThat(caller).isInstanceOf(Caller.Counted.class);
		String id = ((Caller.Counted) caller).id();
		assertThat(id).startsWith("ip:");
		String address = id.substring("ip:".length());
		InetAddress named = IpRange.parse(address.replaceFirst("/64$", ""));
		assertThat(named).as(id).isNotNull();
		if (named instanceof Inet6Address) {
			assertThat(address).endsWith("/64");
			assertThat(Arrays.copyOfRange(named.getAddress(), 8, 16)).containsOnly(0);
		}
		if (trustedProxies.stream().noneMatch((range) -> range.contains(peer))) {
			assertThat(sameCaller(named, peer)).as("an untrusted peer cannot choose its bucket: %s", id).isTrue();
		}
		else {
			List<InetAddress> candidates = Stream
				.concat(Stream.of(peer),
						forwardedFor.stream()
							.flatMap((line) -> Arrays.stream(line.split(",")))
							.map(IpRange::parse)
							.filter((hop) -> hop != null))
				.toList();
			assertThat(candidates).as("the peer or a forwarded hop: %s", id)
				.anyMatch((candidate) -> sameCaller(named, candidate));
		}
	}

	/** The same address, or for IPv6 the same /64. */
	private static boolean sameCaller(InetAddress named, InetAddress address) {
		int compared = (address instanceof Inet6Address) ? 8 : address.getAddress().length;
		return named.getAddress().length == address.getAddress().length
				&& Arrays.equals(named.getAddress(), 0, compared, address.getAddress(), 0, compared);
	}

}
