package dev.ddspatterns.service.problem;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ProblemDetail;

/**
 * A problem's standard members as JSON, for answers written below Spring, where no
 * message converter runs: Tomcat's error report and Reactor Netty's refusals. Only ASCII
 * comes out, so the bytes read the same in any charset a server may assume.
 */
final class ProblemJson {

	private ProblemJson() {
	}

	static byte[] of(ProblemDetail problem) {
		StringBuilder json = new StringBuilder(256).append('{');
		member(json, "type", problem.getType());
		member(json, "title", problem.getTitle());
		json.append("\"status\":").append(problem.getStatus()).append(',');
		member(json, "detail", problem.getDetail());
		member(json, "instance", problem.getInstance());
		json.setCharAt(json.length() - 1, '}');
		return json.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static void member(StringBuilder json, String name, Object value) {
		if (value == null) {
			return;
		}
		json.append('"').append(name).append("\":\"");
		String text = value.toString();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7E) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append("\",");
	}

}
