package dev.ddspatterns.gateway.caching;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CachePolicyTests {

	private static final Duration DEFAULT = Duration.ofSeconds(30);

	private static final List<String> KEY_HEADERS = List.of("Accept");

	@Test
	void backendLifetimeWinsOverTheDefaultAndSharedMaxAgeOverMaxAge() {
		assertThat(lifetime(Map.of())).contains(DEFAULT);
		assertThat(lifetime(Map.of("Cache-Control", "public, max-age=120"))).contains(Duration.ofSeconds(120));
		assertThat(lifetime(Map.of("Cache-Control", "max-age=120, s-maxage=10"))).contains(Duration.ofSeconds(10));
		assertThat(lifetime(Map.of("Cache-Control", "max-age=0"))).isEmpty();
		assertThat(lifetime(Map.of("Cache-Control", "max-age=\"5\""))).contains(Duration.ofSeconds(5));
		assertThat(lifetime(Map.of("Cache-Control", "max-age=soon"))).contains(DEFAULT);
	}

	@Test
	void privateNoStoreAndNoCacheAreNeverStoredWhereverTheyAppearInTheHeader() {
		assertThat(lifetime(Map.of("Cache-Control", "no-store"))).isEmpty();
		assertThat(lifetime(Map.of("Cache-Control", "max-age=60, private"))).isEmpty();
		assertThat(lifetime(Map.of("Cache-Control", "Max-Age=60, No-Store"))).isEmpty();
		assertThat(lifetime(Map.of("Cache-Control", "no-cache"))).isEmpty();
	}

	@Test
	void errorsAndCookieSettingAnswersAreNeverStored() {
		assertThat(CachePolicy.lifetime(HttpStatus.NOT_FOUND, new HttpHeaders(), DEFAULT, KEY_HEADERS)).isEmpty();
		assertThat(CachePolicy.lifetime(HttpStatus.SERVICE_UNAVAILABLE, new HttpHeaders(), DEFAULT, KEY_HEADERS))
			.isEmpty();
		assertThat(lifetime(Map.of("Set-Cookie", "session=42", "Cache-Control", "public, max-age=60"))).isEmpty();
	}

	@Test
	void varyMustBeCoveredByTheKey() {
		assertThat(lifetime(Map.of("Vary", "accept"))).contains(DEFAULT);
		assertThat(lifetime(Map.of("Vary", "Accept, Accept-Language"))).isEmpty();
		assertThat(lifetime(Map.of("Vary", "*"))).isEmpty();
	}

	@Test
	void requestsWithCredentialsOrNoStorePassAndNoCacheRefreshes() {
		assertThat(CachePolicy.mustPass(get().header("Authorization", "Bearer x").build())).isTrue();
		assertThat(CachePolicy.mustPass(get().header("Cookie", "session=42").build())).isTrue();
		assertThat(CachePolicy.mustPass(get().header("Cache-Control", "no-store").build())).isTrue();
		assertThat(CachePolicy.mustPass(get().build())).isFalse();

		assertThat(CachePolicy.wantsRefresh(get().header("Cache-Control", "no-cache").build())).isTrue();
		assertThat(CachePolicy.wantsRefresh(get().header("Cache-Control", "max-age=0").build())).isTrue();
		assertThat(CachePolicy.wantsRefresh(get().header("Pragma", "no-cache").build())).isTrue();
		assertThat(CachePolicy.wantsRefresh(get().build())).isFalse();
	}

	private static MockServerHttpRequest.BaseBuilder<?> get() {
		return MockServerHttpRequest.get("/api/v1/search?q=cat");
	}

	private static java.util.Optional<Duration> lifetime(Map<String, String> responseHeaders) {
		HttpHeaders headers = new HttpHeaders();
		responseHeaders.forEach(headers::add);
		return CachePolicy.lifetime(HttpStatus.OK, headers, DEFAULT, KEY_HEADERS);
	}

}
