package dev.ddspatterns.service.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentEncodingTests {

	@Test
	void plainAndEscapedUtf8Decodes() {
		assertThat(PercentEncoding.isUtf8("/v1/search")).isTrue();
		assertThat(PercentEncoding.isUtf8("q=caf%C3%A9+au+lait&k=3")).isTrue();
		assertThat(PercentEncoding.isUtf8("q=%e7%8c%ab")).isTrue();
		assertThat(PercentEncoding.isUtf8("")).isTrue();
	}

	@Test
	void anEscapeWithoutTwoHexDigitsDoesNot() {
		assertThat(PercentEncoding.isUtf8("q=%ZZ")).isFalse();
		assertThat(PercentEncoding.isUtf8("q=%4")).isFalse();
		assertThat(PercentEncoding.isUtf8("q=%")).isFalse();
	}

	@Test
	void bytesThatAreNotUtf8DoNot() {
		// 0xC3 starts a two-byte sequence; 0x28 '(' cannot continue it.
		assertThat(PercentEncoding.isUtf8("q=%C3%28")).isFalse();
		assertThat(PercentEncoding.isUtf8("q=%C3")).isFalse();
		assertThat(PercentEncoding.isUtf8("q=%FF")).isFalse();
		// A raw Latin-1 é, one byte per character as servers hand it over.
		assertThat(PercentEncoding.isUtf8("/caf\u00e9")).isFalse();
	}

	@Test
	void rawUtf8BytesDecode() {
		assertThat(PercentEncoding.isUtf8("/caf\u00c3\u00a9")).isTrue();
	}

	@Test
	void aCharacterNoByteCanStandForDoesNot() {
		assertThat(PercentEncoding.isUtf8("/\u732b")).isFalse();
	}

}
