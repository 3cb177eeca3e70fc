package dev.ddspatterns.console;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the console finds the services it shows, and how often it reads them.
 *
 * @param cache a cache-service replica
 * @param searchRoot the scatter/gather root
 * @param searchLeaves every search leaf
 * @param election every election replica
 * @param gateway the gateway
 * @param thumbnailers every thumbnailer instance
 * @param metricsPort the port that serves {@code /actuator/prometheus} where it is not
 * the app's own port (a management port, as under compose), or none
 * @param refresh how often the panels are read while someone watches
 * @param timeout how long one read of one service may take: a slow or dead service shows
 * as unreachable after it, and holds up no other panel
 * @param watchers how many pages may watch at once; more are refused with a 503
 * @param sourceBase where the project's source is browsed (its page's {@code blob/main/}
 * address), so the panels link the classes they name; none shows the paths alone
 */
@ConfigurationProperties("suite.console")
@Validated
public record ConsoleProperties(@NotNull URI cache, @NotNull URI searchRoot, @NotEmpty List<URI> searchLeaves,
		@NotEmpty List<URI> election, @NotNull URI gateway, @NotEmpty List<URI> thumbnailers,
		@Nullable @Min(1) @Max(65535) Integer metricsPort, @DefaultValue("1s") Duration refresh,
		@DefaultValue("800ms") Duration timeout, @DefaultValue("16") @Min(1) @Max(1000) int watchers,
		@DefaultValue("") String sourceBase, @Nullable String faultToken, @DefaultValue("cat") String probeQuery,
		@DefaultValue("2s") Duration probeTimeout) {

	/**
	 * @return whether the page offers the services' fault switches
	 */
	public boolean faultsOn() {
		return this.faultToken != null && !this.faultToken.isBlank();
	}

	/**
	 * @param app a service's address
	 * @return where its metrics are served
	 */
	public URI metrics(URI app) {
		int port = (this.metricsPort != null) ? this.metricsPort : app.getPort();
		return URI.create(app.getScheme() + "://" + app.getHost() + ":" + port + "/actuator/prometheus");
	}

}
