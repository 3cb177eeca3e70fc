package dev.ddspatterns.gateway.decorator;

import java.util.Comparator;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON decorator on any request body: it answers the caller's object with every field
 * kept as sent and every missing default added, or refuses the body as an
 * {@code invalid-request} (400). Any other exception would be a 500 at the gateway. The
 * input is the body.
 */
class JsonDefaultsFuzzTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final JsonDefaults defaults = JsonDefaults.of(Map.of("width", "320", "format", "jpeg"), json);

	/** Reads numbers exactly, so that the test sees any digit the decorator changed. */
	private static final ObjectReader strict = json.reader()
		.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

	@FuzzTest
	void aBodyIsDecoratedOrRefusedAsInvalid(byte[] body) {
		byte[] decorated;
		try {
			decorated = defaults.applyTo(body);
		}
		catch (ProblemException refused) {
			assertThat(refused.getProblemType()).as(refused.getBody().getDetail())
				.isEqualTo(ProblemType.INVALID_REQUEST);
			return;
		}
		ObjectNode sent = (ObjectNode) readTree(body);
		JsonNode forwarded = readTree(decorated);
		assertThat(forwarded).isInstanceOf(ObjectNode.class);
		sent.properties().forEach((field) -> assertSameValue(forwarded.get(field.getKey()), field.getValue()));
		assertSameValue(forwarded.get("width"), sent.has("width") ? sent.get("width") : json.valueToTree(320));
		assertSameValue(forwarded.get("format"), sent.has("format") ? sent.get("format") : json.valueToTree("jpeg"));
		assertThat(forwarded.propertyNames())
			.hasSize(sent.size() + (sent.has("width") ? 0 : 1) + (sent.has("format") ? 0 : 1));
	}

	/** JSON has one kind of number: {@code 5e0} and {@code 5} are the same value. */
	private static void assertSameValue(JsonNode actual, JsonNode expected) {
		Comparator<JsonNode> numbersByValue = (a, b) -> (a.isNumber() && b.isNumber())
				? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);
		assertThat(actual.equals(numbersByValue, expected)).as("%s is %s", actual, expected).isTrue();
	}

	private static JsonNode readTree(byte[] body) {
		try {
			return strict.readTree(body);
		}
		catch (JacksonException ex) {
			throw new AssertionError("not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
