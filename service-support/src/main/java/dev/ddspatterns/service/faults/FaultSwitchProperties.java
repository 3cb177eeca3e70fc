package dev.ddspatterns.service.faults;

import jakarta.validation.constraints.AssertTrue;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether an app serves its fault switches, and the token that guards them.
 *
 * @param enabled Whether /v1/faults exists at all: off by default (and in the Kubernetes
 * base), on in the demo and compose.
 * @param token The bearer token a request to /v1/faults must carry; required, at least 16
 * characters, when enabled. Never in the repository: the demo makes one per run.
 */
@ConfigurationProperties("suite.faults")
@Validated
public record FaultSwitchProperties(@DefaultValue("false") boolean enabled, @Nullable String token) {

	/** The shortest token accepted. */
	static final int MIN_TOKEN_LENGTH = 16;

	@AssertTrue(message = "suite.faults.token must be set, at least 16 characters, when suite.faults.enabled")
	boolean isTokenSetWhenEnabled() {
		return !this.enabled || (this.token != null && this.token.strip().length() >= MIN_TOKEN_LENGTH);
	}

}
