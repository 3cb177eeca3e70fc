package dev.ddspatterns.gateway.tls;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTPS listener, prefix {@code suite.gateway.tls}. Its certificate and key are not
 * here but in the SSL bundle {@code spring.ssl.bundle.pem.gateway}; the listener exists
 * only when that bundle has a certificate.
 *
 * @param port Port of the HTTPS listener, beside the plain HTTP one (server.port). 0
 * picks a free port.
 * @param hstsMaxAge How long browsers should use only HTTPS for this host after an HTTPS
 * response (Strict-Transport-Security max-age). HSTS is per host, not per port, so a
 * browser that saw it on https://localhost:8443 also upgrades http://localhost:8080; 0
 * tells browsers to forget it.
 * @param hstsIncludeSubdomains Whether the HSTS policy also covers every subdomain.
 */
@ConfigurationProperties("suite.gateway.tls")
@Validated
record TlsProperties(@DefaultValue("8443") @Min(0) @Max(65535) int port, @DefaultValue("365d") Duration hstsMaxAge,
		@DefaultValue("false") boolean hstsIncludeSubdomains) {

	@AssertTrue(message = "hsts-max-age must not be negative")
	boolean isHstsMaxAgeNotNegative() {
		return !this.hstsMaxAge.isNegative();
	}

	/**
	 * @return the value of the {@code Strict-Transport-Security} header
	 */
	String strictTransportSecurity() {
		return "max-age=" + this.hstsMaxAge.toSeconds() + (this.hstsIncludeSubdomains ? "; includeSubDomains" : "");
	}

}
