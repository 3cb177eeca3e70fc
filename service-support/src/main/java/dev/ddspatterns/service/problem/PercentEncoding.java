package dev.ddspatterns.service.problem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a path or query, as the client sent it, decodes: every {@code %} followed by
 * two hex digits, and the bytes the escapes and the other characters stand for UTF-8.
 * Servers hand the request line over one byte per character, so a character above
 * {@code 0xFF} cannot have come from the wire.
 */
final class PercentEncoding {

	private PercentEncoding() {
	}

	static boolean isUtf8(CharSequence raw) {
		ByteBuffer bytes = ByteBuffer.allocate(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				int high = (i + 2 < raw.length()) ? Character.digit(raw.charAt(i + 1), 16) : -1;
				int low = (high >= 0) ? Character.digit(raw.charAt(i + 2), 16) : -1;
				if (low < 0) {
					return false;
				}
				bytes.put((byte) ((high << 4) | low));
				i += 2;
			}
			else if (c > 0xFF) {
				return false;
			}
			else {
				bytes.put((byte) c);
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes.flip());
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
