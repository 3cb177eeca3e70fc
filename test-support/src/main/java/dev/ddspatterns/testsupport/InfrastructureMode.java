package dev.ddspatterns.testsupport;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where the test infrastructure runs: as local processes (the default, no Docker needed)
 * or in containers ({@code -Dtest.infra=containers}).
 */
public enum InfrastructureMode {

	/** Servers are processes on this machine (or threads of the test JVM for Kafka). */
	PROCESSES,

	/** Servers are Testcontainers; a missing container engine fails the test. */
	CONTAINERS;

	/** The configuration parameter and system property that selects the mode. */
	public static final String PROPERTY = "test.infra";

	/**
	 * The mode asked for by a JUnit configuration parameter, which falls back to the
	 * system property of the same name.
	 * @param context the extension context of the test class
	 * @return the mode
	 */
	public static InfrastructureMode of(ExtensionContext context) {
		return parse(context.getConfigurationParameter(PROPERTY));
	}

	/**
	 * The mode asked for by the {@code test.infra} system property, for code that runs
	 * outside JUnit (the local demo).
	 * @return the mode
	 */
	public static InfrastructureMode fromSystemProperty() {
		return parse(Optional.ofNullable(System.getProperty(PROPERTY)));
	}

	private static InfrastructureMode parse(Optional<String> value) {
		return value.map((v) -> v.trim().toLowerCase(Locale.ROOT)).map((v) -> switch (v) {
			case "", "processes", "process", "local" -> PROCESSES;
			case "containers", "container", "testcontainers" -> CONTAINERS;
			default -> throw new IllegalArgumentException(
					"Unknown " + PROPERTY + "=" + v + "; use 'processes' (default) or 'containers'");
		}).orElse(PROCESSES);
	}

}
