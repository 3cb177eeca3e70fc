package dev.ddspatterns.gateway.tls;

import dev.ddspatterns.testsupport.tls.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch: an HTTPS listener exists exactly when the {@code gateway} SSL bundle has a
 * certificate, and its HSTS policy comes from {@code suite.gateway.tls.*}.
 */
class TlsTerminationConfigurationTests {

	static final TestCertificates certificates = TestCertificates.generate();

	final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
		.withUserConfiguration(TlsTerminationConfiguration.class)
		.withBean(HttpHandler.class, () -> (request, response) -> response.setComplete());

	@Test
	void withoutACertificateTheGatewayServesPlainHttpOnly() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(HttpsListener.class)
			.doesNotHaveBean(StrictTransportSecurity.class));
	}

	@Test
	void aCertificateInTheGatewayBundleOpensTheHttpsPort() {
		this.contextRunner.withPropertyValues(certificateProperties()).run((context) -> {
			assertThat(context).hasSingleBean(HttpsListener.class).hasSingleBean(StrictTransportSecurity.class);
			HttpsListener listener = context.getBean(HttpsListener.class);
			assertThat(listener.isRunning()).isTrue();
			assertThat(listener.port()).isPositive();
		});
	}

	@Test
	void hstsPolicyComesFromTheProperties() {
		this.contextRunner.withPropertyValues(certificateProperties())
			.withPropertyValues("suite.gateway.tls.hsts-max-age=10m", "suite.gateway.tls.hsts-include-subdomains=true")
			.run((context) -> assertThat(context.getBean(TlsProperties.class).strictTransportSecurity())
				.isEqualTo("max-age=600; includeSubDomains"));
	}

	@Test
	void negativeHstsMaxAgeIsRejectedAtStartup() {
		this.contextRunner.withPropertyValues(certificateProperties())
			.withPropertyValues("suite.gateway.tls.hsts-max-age=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("hsts-max-age must not be negative"));
	}

	private static String[] certificateProperties() {
		return new String[] { "suite.gateway.tls.port=0",
				"spring.ssl.bundle.pem.gateway.keystore.certificate=file:" + certificates.certificate(),
				"spring.ssl.bundle.pem.gateway.keystore.private-key=file:" + certificates.privateKey() };
	}

}
