package dev.ddspatterns.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every check over one kustomization, findings as sentences naming the resource.
 */
final class Findings {

	static final Path K8S = Path.of(System.getProperty("k8s.dir", "../k8s"));

	static final AppFacts APPS = new AppFacts(Path.of(System.getProperty("k8s.work.dir", "target/apps")));

	private Findings() {
	}

	/**
	 * The checks that hold for any kustomization, one service's base as much as the whole
	 * suite.
	 */
	static List<String> ofBase(Suite suite) {
		List<String> findings = new ArrayList<>();
		findings.addAll(SchemaChecks.check(suite));
		findings.addAll(PodSecurityChecks.check(suite));
		findings.addAll(WiringChecks.check(suite, APPS));
		findings.addAll(AppSettingsChecks.check(suite, APPS));
		findings.addAll(ManagementChecks.check(suite, APPS));
		return findings;
	}

	/**
	 * All checks, traffic included: only the whole suite has both ends of every
	 * connection.
	 */
	static List<String> ofSuite(Suite suite) {
		List<String> findings = ofBase(suite);
		findings.addAll(TrafficChecks.check(suite));
		findings.addAll(ExposureChecks.check(suite));
		return findings;
	}

	static Suite read(String kustomization) {
		return new Suite(Manifests.read(K8S, kustomization));
	}

	static Suite readWith(String kustomization, Path overrides) {
		return new Suite(Manifests.read(K8S, kustomization, overrides));
	}

}
