package dev.ddspatterns.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.ApiKey;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallerKeysTests {

	/** SHA-256 of "s3cret-key", as {@code printf %s s3cret-key | sha256sum} prints it. */
	static final String S3CRET_KEY_SHA256 = "817b823905cc7853f381992575a9041fcdb17fc70e776707abfb4d7c59ecbf3f";

	private final CallerKeys callers = new CallerKeys("X-API-Key",
			new ApiKeys(List.of(new ApiKey("partner", S3CRET_KEY_SHA256))),
			Stream.of("10.0.0.0/8", "192.168.1.1", "fd00::/8").map(IpRange::of).toList());

	@Test
	void aRegisteredKeyIsItsNameWhereverItCallsFrom() {
		assertThat(id(from("203.0.113.7").header("X-API-Key", "s3cret-key"))).isEqualTo("key:partner");
		assertThat(id(from("198.51.100.1").header("X-API-Key", " s3cret-key ")))
			.as("one key, one bucket, wherever it calls from")
			.isEqualTo("key:partner");
	}

	@Test
	void aKeyNobodyRegisteredIsUnknownNotAnAddress() {
		assertThat(this.callers.of(from("203.0.113.7").header("X-API-Key", "s3cret-kez").build()))
			.isInstanceOf(Caller.UnknownKey.class);
		assertThat(this.callers.of(from("203.0.113.7").header("X-API-Key", S3CRET_KEY_SHA256).build()))
			.as("the digest is not the key")
			.isInstanceOf(Caller.UnknownKey.class);
	}

	@Test
	void withoutAnApiKeyTheClientAddressNamesTheCaller() {
		assertThat(id(from("203.0.113.7"))).isEqualTo("ip:203.0.113.7");
		assertThat(id(from("203.0.113.7").header("X-API-Key", " "))).isEqualTo("ip:203.0.113.7");
	}

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnored() {
		MockServerHttpRequest spoofed = from("203.0.113.7").header("X-Forwarded-For", "198.51.100.99").build();
		assertThat(id(spoofed)).isEqualTo("ip:203.0.113.7");
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() {
		MockServerHttpRequest viaProxy = from("10.1.2.3").header("X-Forwarded-For", "198.51.100.20").build();
		assertThat(id(viaProxy)).isEqualTo("ip:198.51.100.20");
	}

	@Test
	void forwardedForIsReadFromTheRightPastEveryTrustedProxy() {
		// The client sent a made-up first entry; the two proxies appended what they saw.
		MockServerHttpRequest chain = from("10.1.2.3").header("X-Forwarded-For", "1.2.3.4, 198.51.100.20, 192.168.1.1")
			.build();
		assertThat(id(chain)).isEqualTo("ip:198.51.100.20");
		MockServerHttpRequest twoHeaders = from("10.1.2.3").header("X-Forwarded-For", "1.2.3.4, 198.51.100.20")
			.header("X-Forwarded-For", "10.9.9.9")
			.build();
		assertThat(id(twoHeaders)).isEqualTo("ip:198.51.100.20");
	}

	@Test
	void aChainOfOnlyTrustedProxiesNamesTheFarthestOne() {
		MockServerHttpRequest internal = from("10.1.2.3").header("X-Forwarded-For", "10.7.7.7, 192.168.1.1").build();
		assertThat(id(internal)).isEqualTo("ip:10.7.7.7");
		assertThat(id(from("10.1.2.3").build())).isEqualTo("ip:10.1.2.3");
	}

	@Test
	void anEntryNoProxyWroteStopsTheWalkAtTheLastVouchedAddress() {
		MockServerHttpRequest garbage = from("10.1.2.3").header("X-Forwarded-For", "evil.example, 10.4.4.4").build();
		assertThat(id(garbage)).isEqualTo("ip:10.4.4.4");
		// Found by CallerKeysFuzzTests: read as a list of HTTP tokens, an entry after the
		// first lost the space inside it, and a quoted one its quotes, and each passed
		// for
		// 198.51.100.20.
		for (String notAnAddress : List.of("198 .51.100.20", "\"198.51.100.20\"")) {
			MockServerHttpRequest entry = from("10.1.2.3")
				.header("X-Forwarded-For", "1.2.3.4, " + notAnAddress + ", 10.4.4.4")
				.build();
			assertThat(id(entry)).as(notAnAddress).isEqualTo("ip:10.4.4.4");
		}
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() {
		assertThat(id(from("2001:db8:1:2:aaaa::1").build())).isEqualTo(id(from("2001:db8:1:2:bbbb::7").build()))
			.isEqualTo("ip:2001:db8:1:2:0:0:0:0/64");
		assertThat(id(from("2001:db8:1:3::1").build())).isEqualTo("ip:2001:db8:1:3:0:0:0:0/64");
	}

	@Test
	void ipv6ProxiesAreTrustedByRangeToo() {
		MockServerHttpRequest viaV6Proxy = from("fd12::1").header("X-Forwarded-For", "2001:db8::5").build();
		assertThat(id(viaV6Proxy)).isEqualTo("ip:2001:db8:0:0:0:0:0:0/64");
		MockServerHttpRequest spoofed = from("2001:db9::9").header("X-Forwarded-For", "2001:db8::5").build();
		assertThat(id(spoofed)).isEqualTo("ip:2001:db9:0:0:0:0:0:0/64");
	}

	@Test
	void rangesMatchByPrefix() {
		IpRange range = IpRange.of("172.16.0.0/12");
		assertThat(range.contains(IpRange.parse("172.31.255.255"))).isTrue();
		assertThat(range.contains(IpRange.parse("172.32.0.0"))).isFalse();
		assertThat(IpRange.of("0.0.0.0/0").contains(IpRange.parse("8.8.8.8"))).isTrue();
		assertThat(IpRange.of("127.0.0.1").contains(IpRange.parse("127.0.0.2"))).isFalse();
		assertThat(IpRange.of("::/0").contains(IpRange.parse("8.8.8.8"))).as("IPv4 is not in an IPv6 range").isFalse();
	}

	@Test
	void rangesAreLiteralsNeverHostNames() {
		for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "")) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> IpRange.of(bad));
		}
	}

	private String id(MockServerHttpRequest.BaseBuilder<?> request) {
		return id(request.build());
	}

	private String id(MockServerHttpRequest request) {
		return (this.callers.of(request) instanceof Caller.Counted caller) ? caller.id() : "unknown key";
	}

	private static MockServerHttpRequest.BaseBuilder<?> from(String address) {
		return MockServerHttpRequest.get("/api/v1/search")
			.remoteAddress(new InetSocketAddress(IpRange.parse(address), 40000));
	}

}
