package dev.ddspatterns.gateway.splitting;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The most stable identity a request carries decides its user: API key, then cookie, then
 * the address a proxy forwarded, then the peer address.
 */
class UserKeyTests {

	static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 50000);

	@Test
	void anApiKeyWinsOverEverythingElse() {
		assertThat(UserKey.of(MockServerHttpRequest.get("/")
			.header("X-API-Key", "k-123")
			.cookie(new HttpCookie("suite-user", "u-1"))
			.header("X-Forwarded-For", "198.51.100.1")
			.remoteAddress(PEER)
			.build())).isEqualTo("key:k-123");
	}

	@Test
	void theUserCookieComesNext() {
		assertThat(UserKey.of(MockServerHttpRequest.get("/")
			.cookie(new HttpCookie("suite-user", "u-1"))
			.header("X-Forwarded-For", "198.51.100.1")
			.remoteAddress(PEER)
			.build())).isEqualTo("user:u-1");
	}

	@Test
	void thenTheFirstForwardedAddressThenThePeer() {
		assertThat(UserKey.of(MockServerHttpRequest.get("/")
			.header("X-Forwarded-For", "198.51.100.1, 10.0.0.2")
			.remoteAddress(PEER)
			.build())).isEqualTo("ip:198.51.100.1");
		assertThat(UserKey.of(MockServerHttpRequest.get("/").remoteAddress(PEER).build())).isEqualTo("ip:192.0.2.7");
	}

	@Test
	void blankValuesDoNotCount() {
		assertThat(UserKey.of(MockServerHttpRequest.get("/")
			.header("X-API-Key", " ")
			.cookie(new HttpCookie("suite-user", ""))
			.remoteAddress(PEER)
			.build())).isEqualTo("ip:192.0.2.7");
	}

}
