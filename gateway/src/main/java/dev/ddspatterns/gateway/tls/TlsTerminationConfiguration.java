package dev.ddspatterns.gateway.tls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * Turns TLS termination on when the SSL bundle {@value #BUNDLE} has a PEM certificate
 * ({@code spring.ssl.bundle.pem.gateway.keystore.certificate} and {@code private-key}).
 * Without one the gateway serves plain HTTP only: nothing half-configured listens.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.ssl.bundle.pem." + TlsTerminationConfiguration.BUNDLE + ".keystore.certificate")
@EnableConfigurationProperties(TlsProperties.class)
class TlsTerminationConfiguration {

	/** The SSL bundle that holds the gateway's certificate and private key. */
	static final String BUNDLE = "gateway";

	@Bean
	HttpsListener httpsListener(TlsProperties properties, SslBundles sslBundles,
			ObjectProvider<HttpHandler> httpHandler, ObjectProvider<ServerProperties> serverProperties,
			ObjectProvider<ReactorResourceFactory> resources, ObjectProvider<NettyServerCustomizer> customizers) {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(properties.port());
		factory.setSsl(Ssl.forBundle(BUNDLE));
		factory.setSslBundles(sslBundles);
		// HTTP/2 for clients that offer it through ALPN; backends still get HTTP/1.1.
		Http2 http2 = new Http2();
		http2.setEnabled(true);
		factory.setHttp2(http2);
		factory.setShutdown(Shutdown.GRACEFUL);
		serverProperties.ifAvailable((server) -> factory.setAddress(server.getAddress()));
		// The same event loops and Netty customizations as the plain HTTP server.
		resources.ifAvailable(factory::setResourceFactory);
		factory.setServerCustomizers(customizers.orderedStream().toList());
		return new HttpsListener(factory, httpHandler);
	}

	@Bean
	StrictTransportSecurity strictTransportSecurity(TlsProperties properties) {
		return new StrictTransportSecurity(properties.strictTransportSecurity());
	}

}
