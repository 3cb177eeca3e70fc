package dev.ddspatterns.service.problem;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientPathTests {

	@Test
	void aPathIsNamedAsTheClientSentItWithoutItsQuery() {
		assertThat(ClientPath.of("/api/v1/search?q=cats&k=3")).contains(URI.create("/api/v1/search"));
		assertThat(ClientPath.of("/v1/cache/caf%C3%A9#top")).contains(URI.create("/v1/cache/caf%C3%A9"));
	}

	@Test
	void escapesTheClientSentStayAsTheyAreEvenWhenTheyAreNotUtf8() {
		assertThat(ClientPath.of("/greet%C3%28ings")).contains(URI.create("/greet%C3%28ings"));
	}

	@Test
	void whatAUriCannotCarryIsPercentEncoded() {
		assertThat(ClientPath.of("/a%ZZb")).contains(URI.create("/a%25ZZb"));
		assertThat(ClientPath.of("/a%4")).contains(URI.create("/a%254"));
		assertThat(ClientPath.of("/a b\u0001\"<>\\")).contains(URI.create("/a%20b%01%22%3C%3E%5C"));
	}

	@Test
	void rawBytesCountOneEachAndLargerCharactersAreUtf8() {
		// A server hands the request line over one byte per character: é sent raw is
		// 0xE9.
		assertThat(ClientPath.of("/caf\u00e9")).contains(URI.create("/caf%E9"));
		assertThat(ClientPath.of("/\u732b")).contains(URI.create("/%E7%8C%AB"));
	}

	@Test
	void aHugePathIsNamedByItsStart() {
		URI instance = ClientPath.of("/" + "a".repeat(20_000) + "?q=1").orElseThrow();
		assertThat(instance.toString()).hasSize(ClientPath.MAX_LENGTH).startsWith("/aaaa");
	}

	@Test
	void theStartNeverEndsInsideAnEscape() {
		String path = "/" + "a".repeat(ClientPath.MAX_LENGTH - 3) + "%C3%A9";
		assertThat(ClientPath.of(path).orElseThrow().toString()).hasSize(ClientPath.MAX_LENGTH - 2).endsWith("aa");
		String unsafe = "/" + "a".repeat(ClientPath.MAX_LENGTH - 2) + " ";
		assertThat(ClientPath.of(unsafe).orElseThrow().toString()).hasSize(ClientPath.MAX_LENGTH - 1).endsWith("aa");
	}

	@Test
	void anAbsoluteTargetIsNamedByItsPath() {
		assertThat(ClientPath.of("http://example.test:8080/v1/x?y")).contains(URI.create("/v1/x"));
		assertThat(ClientPath.of("https://example.test")).contains(URI.create("/"));
	}

	@Test
	void leadingSlashesNeverReadAsAnotherHost() {
		URI instance = ClientPath.of("//evil.test/x").orElseThrow();
		assertThat(instance.getHost()).isNull();
		assertThat(instance).isEqualTo(URI.create("/evil.test/x"));
	}

	@Test
	void aTargetWithoutAPathNamesNoInstance() {
		assertThat(ClientPath.of("*")).isEmpty();
		assertThat(ClientPath.of("")).isEmpty();
		assertThat(ClientPath.of("?q=1")).isEmpty();
	}

}
