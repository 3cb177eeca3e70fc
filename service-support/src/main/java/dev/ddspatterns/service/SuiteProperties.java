package dev.ddspatterns.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every app of the suite shares. {@link ServiceDefaults} fills them in, so an
 * app only sets one when the default does not fit.
 *
 * @param instanceId Identity of this replica, tagged onto every metric as 'instance' and
 * every trace as 'service.instance.id'. Defaults to HOSTNAME:server.port, with the
 * process id in place of a random port.
 * @param logging Console logging settings.
 */
@ConfigurationProperties("suite")
@Validated
public record SuiteProperties(@NotBlank String instanceId, @Valid @DefaultValue Logging logging) {

	/**
	 * Console logging settings.
	 *
	 * @param json Whether console logs are structured JSON (Elastic Common Schema)
	 * instead of human-readable lines. The 'json-logs' profile switches them on too.
	 */
	public record Logging(@DefaultValue("false") boolean json) {

	}

}
