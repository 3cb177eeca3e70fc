package dev.ddspatterns.gateway;

import java.time.Duration;

import dev.ddspatterns.service.dns.ShortLivedDns;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Backends are found by name, and a backend container that restarts comes back at a new
 * address: both of the gateway's HTTP clients keep DNS answers for a few seconds only
 * ({@link ShortLivedDns}), not for as long as the container DNS server's TTL. One client
 * proxies the requests; the other, Spring's {@code WebClient}, runs the load balancer's
 * health checks, which would otherwise keep a restarted replica out of the list.
 */
@Configuration(proxyBeanMethods = false)
class BackendDnsConfiguration {

	@Bean
	HttpClientCustomizer proxiedRequestsShortLivedDns() {
		return BackendDnsConfiguration::shortLivedDns;
	}

	@Bean
	ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder> healthChecksShortLivedDns() {
		return (builder) -> builder.withHttpClientCustomizer(BackendDnsConfiguration::shortLivedDns);
	}

	static HttpClient shortLivedDns(HttpClient client) {
		return client.resolver((resolver) -> resolver.cacheMaxTimeToLive(ShortLivedDns.MAX_TTL)
			.cacheNegativeTimeToLive(Duration.ZERO));
	}

}
