package dev.ddspatterns.gateway.caching;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which stored answer a request may be given: method, path, the query with its parameters
 * sorted by name ({@code ?q=cat&page=2} and {@code ?page=2&q=cat} ask the same question),
 * and the values of the headers the answer may depend on, such as {@code Accept}.
 *
 * <p>
 * Parameters with the same name keep their order ({@code ?tag=a&tag=b} may mean something
 * else than {@code ?tag=b&tag=a}), and the query is compared as sent, not decoded.
 *
 * @param method the request method
 * @param path the raw request path
 * @param query the raw query, parameters sorted by name, or empty
 * @param headers {@code name=value} of each key header, lower-case names
 */
record CacheKey(String method, String path, String query, List<String> headers) {

	static CacheKey of(ServerHttpRequest request, List<String> keyHeaders) {
		List<String> headers = keyHeaders.stream()
			.map((name) -> name.toLowerCase(Locale.ROOT) + "="
					+ String.join(",", request.getHeaders().getOrEmpty(name)))
			.toList();
		return new CacheKey(request.getMethod().name(), request.getURI().getRawPath(),
				sortedQuery(request.getURI().getRawQuery()), headers);
	}

	static String sortedQuery(@Nullable String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		// Stream.sorted is stable: parameters that share a name keep their order.
		return Arrays.stream(rawQuery.split("&"))
			.filter((parameter) -> !parameter.isEmpty())
			.sorted(Comparator.comparing(CacheKey::name))
			.collect(Collectors.joining("&"));
	}

	/** Roughly what the key costs in memory, for the cache's size bound. */
	int weight() {
		return this.method.length() + this.path.length() + this.query.length()
				+ this.headers.stream().mapToInt(String::length).sum();
	}

	private static String name(String parameter) {
		int equals = parameter.indexOf('=');
		return (equals < 0) ? parameter : parameter.substring(0, equals);
	}

}
