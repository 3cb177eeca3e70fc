package dev.ddspatterns.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every app of the suite shares. {@link ServiceDefaults} fills them in, so an
 * app only sets one when the default does not fit.
 *
 * @param instanceId Identity of this replica, tagged onto every metric as 'instance' and
 * every trace as 'service.instance.id'. Defaults to HOSTNAME:server.port, with the
 * process id in place of a random port.
 * @param logging Console logging settings.
 * @param http What a request may bring before its body, checked before the app sees it.
 */
@ConfigurationProperties("suite")
@Validated
public record SuiteProperties(@NotBlank String instanceId, @Valid @DefaultValue Logging logging,
		@Valid @DefaultValue Http http) {

	/**
	 * Console logging settings.
	 *
	 * @param json Whether console logs are structured JSON (Elastic Common Schema)
	 * instead of human-readable lines. The 'json-logs' profile switches them on too.
	 */
	public record Logging(@DefaultValue("false") boolean json) {

	}

	/**
	 * What a request may bring before its body. A request over a limit is refused with a
	 * problem before any of the app's code runs. The server's own parser reads further
	 * ({@code server.max-http-request-header-size},
	 * {@code server.netty.max-initial-line-length}), so the refusal can still name the
	 * client's path.
	 *
	 * @param maxUriSize Longest request URI, path and query together, as sent
	 * (percent-encoded). A longer one is refused with 414 'uri-too-long'.
	 * @param maxHeadersSize Most bytes of header fields, all together, each counted as
	 * 'name: value' and its line end. More is refused with 431
	 * 'request-header-fields-too-large'.
	 */
	public record Http(@DefaultValue("8KB") DataSize maxUriSize, @DefaultValue("8KB") DataSize maxHeadersSize) {

		public Http {
			if (maxUriSize.toBytes() <= 0 || maxHeadersSize.toBytes() <= 0) {
				throw new IllegalArgumentException("suite.http limits must be positive, were max-uri-size " + maxUriSize
						+ " and max-headers-size " + maxHeadersSize);
			}
		}

	}

}
