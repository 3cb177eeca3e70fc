package dev.ddspatterns.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.ddspatterns.k8s.Suite.AppContainer;
import dev.ddspatterns.k8s.Suite.Workload;

/**
 * Every setting a manifest gives an app binds to a configuration property the app really
 * has. A misspelt variable is not an error to Spring Boot, it is simply never read: the
 * app starts with its default, and the cluster runs something else than the manifest
 * says.
 */
final class AppSettingsChecks {

	/** Read by the JVM before Spring starts, never bound to a property. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	private AppSettingsChecks() {
	}

	static List<String> check(Suite suite, AppFacts facts) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : suite.workloads()) {
			for (AppContainer app : workload.app().stream().toList()) {
				for (String name : AppSettings.of(workload, app.container(), suite).keySet()) {
					if (!JVM_VARIABLES.contains(name) && !facts.binds(app.module(), name)) {
						problems.add(
								workload.describe() + ": " + name + " is no configuration property of " + app.module());
					}
				}
			}
		}
		return problems;
	}

}
