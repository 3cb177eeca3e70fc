package dev.ddspatterns.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InfrastructureModeTests {

	@Test
	void processesAreTheDefault() {
		String previous = System.clearProperty(InfrastructureMode.PROPERTY);
		try {
			assertThat(InfrastructureMode.fromSystemProperty()).isEqualTo(InfrastructureMode.PROCESSES);
			System.setProperty(InfrastructureMode.PROPERTY, "Containers");
			assertThat(InfrastructureMode.fromSystemProperty()).isEqualTo(InfrastructureMode.CONTAINERS);
			System.setProperty(InfrastructureMode.PROPERTY, "kubernetes");
			assertThatIllegalArgumentException().isThrownBy(InfrastructureMode::fromSystemProperty)
				.withMessageContaining("kubernetes");
		}
		finally {
			if (previous == null) {
				System.clearProperty(InfrastructureMode.PROPERTY);
			}
			else {
				System.setProperty(InfrastructureMode.PROPERTY, previous);
			}
		}
	}

}
