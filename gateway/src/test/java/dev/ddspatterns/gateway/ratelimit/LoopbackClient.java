package dev.ddspatterns.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;

import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * HTTP clients that call the gateway from different loopback addresses. Linux answers on
 * all of 127.0.0.0/8, so a client bound to 127.0.0.2 reaches the gateway with the peer
 * address 127.0.0.2: one machine plays a direct client, a second client and a proxy.
 */
final class LoopbackClient {

	private LoopbackClient() {
	}

	/**
	 * @param localAddress the loopback address to call from, such as {@code 127.0.0.2}
	 * @param port the gateway's port
	 * @return a client for the gateway; no connection is pooled, so none is shared
	 * between addresses
	 */
	static WebTestClient from(String localAddress, int port) {
		HttpClient http = HttpClient.newConnection().bindAddress(() -> new InetSocketAddress(localAddress, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

}
