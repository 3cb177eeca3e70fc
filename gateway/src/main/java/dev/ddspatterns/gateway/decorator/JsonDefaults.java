package dev.ddspatterns.gateway.decorator;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decorating function: adds each default field a JSON object lacks, keeps every field
 * it has (even one set to {@code null}: present means the caller chose), and refuses
 * anything that is not a JSON object with an {@code invalid-request} problem.
 *
 * <p>
 * Defaults come from configuration as text and are read as JSON when they are JSON:
 * {@code 320} becomes a number, {@code true} a boolean, {@code jpeg} (not JSON) a string.
 * A numeric string is written quoted: {@code '"320"'}.
 */
final class JsonDefaults {

	private final JsonMapper json;

	/**
	 * Strict: {@code {"a":1} trailing} is not JSON, however the app's mapper is set.
	 * Decimals are read as {@code BigDecimal}, so a number goes on as the caller wrote
	 * it: read as a double, {@code 2.5e616} would go on as the string {@code "Infinity"}
	 * and {@code 0.1000000000000000055511151231257827} as {@code 0.1}.
	 */
	private final ObjectReader reader;

	private final ObjectNode defaults;

	private JsonDefaults(JsonMapper json, ObjectNode defaults) {
		this.json = json;
		this.reader = strictReader(json);
		this.defaults = defaults;
	}

	static JsonDefaults of(Map<String, String> configured, JsonMapper json) {
		ObjectReader reader = strictReader(json);
		ObjectNode defaults = json.createObjectNode();
		new LinkedHashMap<>(configured).forEach((field, value) -> defaults.set(field, readValue(value, reader)));
		return new JsonDefaults(json, defaults);
	}

	private static ObjectReader strictReader(JsonMapper json) {
		return json.reader()
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	/**
	 * @param body a request body, UTF-8 JSON
	 * @return the body with every missing default added after the caller's fields
	 * @throws ProblemException {@code invalid-request} when the body is not a JSON object
	 */
	byte[] applyTo(byte[] body) {
		JsonNode request;
		try {
			request = this.reader.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"The request body is not valid JSON: " + ex.getOriginalMessage());
		}
		catch (NumberFormatException ex) {
			// Jackson's own, unwrapped, for a decimal beyond BigDecimal's scale:
			// 2.5e3777777777.
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"The request body has a number beyond what the gateway reads.");
		}
		if (!(request instanceof ObjectNode fields)) {
			throw new ProblemException(ProblemType.INVALID_REQUEST, "The request body must be a JSON object.");
		}
		this.defaults.properties().forEach((field) -> fields.putIfAbsent(field.getKey(), field.getValue()));
		return this.json.writeValueAsBytes(fields);
	}

	private static JsonNode readValue(String value, ObjectReader reader) {
		if (value.isBlank()) {
			return JsonNodeFactory.instance.stringNode(value);
		}
		try {
			return reader.readTree(value);
		}
		catch (JacksonException ex) {
			return JsonNodeFactory.instance.stringNode(value);
		}
	}

}
