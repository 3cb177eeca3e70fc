package dev.ddspatterns.gateway.decorator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonDefaultsTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final JsonDefaults defaults = JsonDefaults.of(configured(), this.json);

	@Test
	void missingFieldsAreAddedWithJsonTypesAndPresentOnesKept() {
		assertThat(apply("{\"image\":\"a.png\",\"format\":\"png\",\"width\":null}"))
			.isEqualTo("{\"image\":\"a.png\",\"format\":\"png\",\"width\":null,\"crop\":true,\"label\":\"320\","
					+ "\"fit\":\"320 px\",\"empty\":\"\"}");
		assertThat(apply("{}")).isEqualTo("{\"width\":320,\"format\":\"jpeg\",\"crop\":true,\"label\":\"320\","
				+ "\"fit\":\"320 px\",\"empty\":\"\"}");
	}

	@Test
	void numbersAreForwardedAsTheCallerWroteThem() {
		// Found by JsonDefaultsFuzzTests: read as doubles, 2.5e616 went on as the string
		// "Infinity", and a decimal lost its digits past a double's.
		assertThat(apply(
				"{\"big\":2.5e616,\"exact\":0.1000000000000000055511151231257827,\"huge\":123456789012345678901234567890}"))
			.startsWith("{\"big\":2.5E+616,\"exact\":0.1000000000000000055511151231257827,"
					+ "\"huge\":123456789012345678901234567890,");
	}

	@Test
	void anythingButAJsonObjectIsAnInvalidRequest() {
		// The last: a number whose exponent no BigDecimal holds (found by
		// JsonDefaultsFuzzTests).
		for (String body : new String[] { "{\"width\":", "[1,2]", "42", "", "{} {}", "{\"a\":1} trailing",
				"{\"a\":2.5e37777777777777777777777777777700}" }) {
			assertThatExceptionOfType(ProblemException.class).as(body)
				.isThrownBy(() -> apply(body))
				.satisfies((ex) -> assertThat(ex.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST));
		}
	}

	private String apply(String body) {
		return new String(this.defaults.applyTo(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
	}

	private static Map<String, String> configured() {
		Map<String, String> configured = new LinkedHashMap<>();
		configured.put("width", "320");
		configured.put("format", "jpeg");
		configured.put("crop", "true");
		configured.put("label", "\"320\"");
		configured.put("fit", "320 px");
		configured.put("empty", "");
		return configured;
	}

}
