package dev.ddspatterns.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallerKeysTests {

	private final CallerKeys callers = new CallerKeys("X-API-Key",
			Stream.of("10.0.0.0/8", "192.168.1.1", "fd00::/8").map(IpRange::of).toList());

	@Test
	void apiKeyNamesTheCallerWithoutAppearingInTheBucketKey() {
		String key = this.callers.of(from("203.0.113.7").header("X-API-Key", "s3cret-key").build());
		assertThat(key).startsWith("key:").doesNotContain("s3cret").hasSize("key:".length() + 32);
		assertThat(this.callers.of(from("198.51.100.1").header("X-API-Key", "s3cret-key").build()))
			.as("one key, one bucket, wherever it calls from")
			.isEqualTo(key);
	}

	@Test
	void withoutAnApiKeyTheClientAddressNamesTheCaller() {
		assertThat(this.callers.of(from("203.0.113.7").build())).isEqualTo("ip:203.0.113.7");
		assertThat(this.callers.of(from("203.0.113.7").header("X-API-Key", " ").build())).isEqualTo("ip:203.0.113.7");
	}

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnored() {
		MockServerHttpRequest spoofed = from("203.0.113.7").header("X-Forwarded-For", "198.51.100.99").build();
		assertThat(this.callers.of(spoofed)).isEqualTo("ip:203.0.113.7");
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() {
		MockServerHttpRequest viaProxy = from("10.1.2.3").header("X-Forwarded-For", "198.51.100.20").build();
		assertThat(this.callers.of(viaProxy)).isEqualTo("ip:198.51.100.20");
	}

	@Test
	void forwardedForIsReadFromTheRightPastEveryTrustedProxy() {
		// The client sent a made-up first entry; the two proxies appended what they saw.
		MockServerHttpRequest chain = from("10.1.2.3").header("X-Forwarded-For", "1.2.3.4, 198.51.100.20, 192.168.1.1")
			.build();
		assertThat(this.callers.of(chain)).isEqualTo("ip:198.51.100.20");
		MockServerHttpRequest twoHeaders = from("10.1.2.3").header("X-Forwarded-For", "1.2.3.4, 198.51.100.20")
			.header("X-Forwarded-For", "10.9.9.9")
			.build();
		assertThat(this.callers.of(twoHeaders)).isEqualTo("ip:198.51.100.20");
	}

	@Test
	void aChainOfOnlyTrustedProxiesNamesTheFarthestOne() {
		MockServerHttpRequest internal = from("10.1.2.3").header("X-Forwarded-For", "10.7.7.7, 192.168.1.1").build();
		assertThat(this.callers.of(internal)).isEqualTo("ip:10.7.7.7");
		assertThat(this.callers.of(from("10.1.2.3").build())).isEqualTo("ip:10.1.2.3");
	}

	@Test
	void anEntryNoProxyWroteStopsTheWalkAtTheLastVouchedAddress() {
		MockServerHttpRequest garbage = from("10.1.2.3").header("X-Forwarded-For", "evil.example, 10.4.4.4").build();
		assertThat(this.callers.of(garbage)).isEqualTo("ip:10.4.4.4");
	}

	@Test
	void anIpv6ClientIsCountedByItsSlash64() {
		assertThat(this.callers.of(from("2001:db8:1:2:aaaa::1").build()))
			.isEqualTo(this.callers.of(from("2001:db8:1:2:bbbb::7").build()))
			.isEqualTo("ip:2001:db8:1:2:0:0:0:0/64");
		assertThat(this.callers.of(from("2001:db8:1:3::1").build())).isEqualTo("ip:2001:db8:1:3:0:0:0:0/64");
	}

	@Test
	void ipv6ProxiesAreTrustedByRangeToo() {
		MockServerHttpRequest viaV6Proxy = from("fd12::1").header("X-Forwarded-For", "2001:db8::5").build();
		assertThat(this.callers.of(viaV6Proxy)).isEqualTo("ip:2001:db8:0:0:0:0:0:0/64");
		MockServerHttpRequest spoofed = from("2001:db9::9").header("X-Forwarded-For", "2001:db8::5").build();
		assertThat(this.callers.of(spoofed)).isEqualTo("ip:2001:db9:0:0:0:0:0:0/64");
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

	private static MockServerHttpRequest.BaseBuilder<?> from(String address) {
		return MockServerHttpRequest.get("/api/v1/search")
			.remoteAddress(new InetSocketAddress(IpRange.parse(address), 40000));
	}

}
