package dev.ddspatterns.gateway.caching;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CacheKeyTests {

	private static final List<String> KEY_HEADERS = List.of("Accept");

	@Test
	void parameterOrderDoesNotMatterButValuesPathsAndMethodsDo() {
		CacheKey key = key(MockServerHttpRequest.get("/api/v1/search?q=cat&page=2").build());
		assertThat(key(MockServerHttpRequest.get("/api/v1/search?page=2&q=cat").build())).isEqualTo(key);
		assertThat(key(MockServerHttpRequest.get("/api/v1/search?page=3&q=cat").build())).isNotEqualTo(key);
		assertThat(key(MockServerHttpRequest.get("/api/v1/other?page=2&q=cat").build())).isNotEqualTo(key);
		assertThat(key(MockServerHttpRequest.head("/api/v1/search?q=cat&page=2").build())).isNotEqualTo(key);
	}

	@Test
	void repeatedParametersKeepTheirOrder() {
		assertThat(CacheKey.sortedQuery("tag=b&q=x&tag=a")).isEqualTo("q=x&tag=b&tag=a");
		assertThat(CacheKey.sortedQuery("")).isEmpty();
		assertThat(CacheKey.sortedQuery(null)).isEmpty();
	}

	@Test
	void keyHeadersArePartOfTheKey() {
		CacheKey json = key(MockServerHttpRequest.get("/s?q=cat").header("Accept", "application/json").build());
		CacheKey text = key(MockServerHttpRequest.get("/s?q=cat").header("Accept", "text/plain").build());
		CacheKey otherHeader = key(MockServerHttpRequest.get("/s?q=cat")
			.header("Accept", "application/json")
			.header("User-Agent", "curl")
			.build());
		assertThat(json).isNotEqualTo(text).isEqualTo(otherHeader);
	}

	private static CacheKey key(MockServerHttpRequest request) {
		return CacheKey.of(request, KEY_HEADERS);
	}

}
