package dev.ddspatterns.cache.readthrough;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-through route's request below an origin: whatever path and query the client
 * sends, the route either refuses them as an {@code invalid-request} (400) or asks the
 * configured origin for a path below its base URL, as the origin will read it (decoded),
 * never above it; and the cache key is the path with the query's parameters in order. The
 * input is the raw path below the origin, a newline, then the raw query.
 */
class OriginRequestFuzzTests {

	private static final URI BASE = URI.create("http://search-root:8081/v1");

	@FuzzTest
	@DictionaryEntries({ "/", "..", ".", "%2e", "%2E", "%2f", "%2F", "%25", "%", "?", "#", "&", "=", "//", "\\" })
	void anOriginIsAskedOnlyBelowItsBaseUrl(byte[] input) {
		String text = new String(input, StandardCharsets.ISO_8859_1);
		int newline = text.indexOf('\n');
		String path = (newline < 0) ? text : text.substring(0, newline);
		String query = (newline < 0) ? null : text.substring(newline + 1);

		OriginRequest request;
		try {
			request = OriginRequest.of(BASE, path, query);
		}
		catch (ProblemException refused) {
			assertThat(refused.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST);
			return;
		}

		URI uri = request.uri();
		assertThat(uri.getScheme()).isEqualTo(BASE.getScheme());
		assertThat(uri.getRawAuthority()).isEqualTo(BASE.getRawAuthority());
		String asTheOriginReadsIt = UriUtils.decode(uri.getRawPath(), StandardCharsets.UTF_8);
		assertThat(asTheOriginReadsIt).startsWith(BASE.getPath() + "/");
		assertThat(asTheOriginReadsIt.split("/", -1)).as(asTheOriginReadsIt).doesNotContain(".", "..");
		assertThat(request.normalized()).startsWith(path);
	}

}
