package dev.ddspatterns.cache.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ddspatterns.cache.StoredValue;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value as {@code PUT} stores it: whatever {@code Content-Type} the client sends, the
 * value is refused as an {@code invalid-request} (400), or it is kept in Redis as one
 * string and read back with the same content type and the same bytes, a content type a
 * {@code GET} can answer with. The input is the header (ISO-8859-1, as header bytes
 * arrive), a newline, then the body.
 */
class CacheValuesFuzzTests {

	@FuzzTest
	void aValueIsReadBackAsStoredOrRefusedAsInvalid(byte[] input) {
		int newline = indexOf(input, (byte) '\n');
		String header = (newline < 0) ? null : new String(input, 0, newline, StandardCharsets.ISO_8859_1);
		byte[] body = (newline < 0) ? input : Arrays.copyOfRange(input, newline + 1, input.length);

		String contentType;
		try {
			contentType = CacheController.contentType(header);
		}
		catch (ProblemException refused) {
			assertThat(refused.getProblemType()).isEqualTo(ProblemType.INVALID_REQUEST);
			return;
		}

		StoredValue read = StoredValue.decode(new StoredValue(contentType, body).encode());
		assertThat(read.contentType()).isEqualTo(contentType);
		assertThat(read.bytes()).isEqualTo(body);
		assertThat(MediaType.parseMediaType(read.contentType())).isNotNull();
	}

	private static int indexOf(byte[] bytes, byte wanted) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
