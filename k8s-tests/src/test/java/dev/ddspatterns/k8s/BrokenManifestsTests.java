package dev.ddspatterns.k8s;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks catch what they are for. Each fixture under {@code broken/} is the whole
 * suite with one file replaced by a copy holding one planted fault, and each test asserts
 * that the fault, and nothing else, is what the checks find.
 */
class BrokenManifestsTests {

	@Test
	void aMisspeltFieldIsAnUnknownField() {
		assertThat(findings("typo")).containsExactly(
				"Deployment election-demo (election-demo/deployment.yaml): unknown field spec.template.spec.containers[0].imagePulPolicy");
	}

	@Test
	void aMissingReadinessProbeIsFound() {
		assertThat(findings("missing-probe"))
			.containsExactly("Deployment search-root container search-root: no readinessProbe (HTTP GET /readyz)");
	}

	@Test
	void aPrivilegedContainerIsRefused() {
		assertThat(findings("privileged"))
			.containsExactly("Deployment cache-service container cache-service: privileged");
	}

	@Test
	void aNeededConnectionThatNoPolicyAllowsIsFound() {
		assertThat(findings("missing-edge")).containsExactly(
				"thumbnailer -> kafka 9092 is needed (SPRING_KAFKA_BOOTSTRAPSERVERS) but no NetworkPolicy allows it");
	}

	@Test
	void anAllowedConnectionThatNothingNeedsIsFound() {
		// The gateway's egress and the shards' ingress both let the gateway in.
		assertThat(findings("extra-edge"))
			.containsExactly("gateway -> redis-shards 6379 is allowed, but nothing needs it");
	}

	@Test
	void aManagementPortOpenToMoreThanPrometheusIsFound() {
		// The gateway's egress does not reach it, so no connection is possible yet: the
		// policy that admits it is the fault.
		assertThat(findings("open-management")).containsExactly(
				"NetworkPolicy election-demo: admits [pods {app.kubernetes.io/name=gateway}] to the management port 9464 of Deployment election-demo, not only Prometheus");
	}

	@Test
	void aVariableThatBindsToNoPropertyIsFound() {
		// Spring Boot reads base-url from SUITE_CACHE_ORIGINS_SEARCH_BASEURL: an
		// underscore
		// separates properties, it never stands for a dash.
		assertThat(findings("unknown-setting")).containsExactly(
				"Deployment cache-service: SUITE_CACHE_ORIGINS_SEARCH_BASE_URL is no configuration property of cache-service");
	}

	private static List<String> findings(String fixture) {
		try {
			Path overrides = Path.of(BrokenManifestsTests.class.getResource("/broken/" + fixture).toURI());
			return Findings.ofSuite(Findings.readWith("overlays/local", overrides));
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
