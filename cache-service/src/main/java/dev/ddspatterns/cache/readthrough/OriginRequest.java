package dev.ddspatterns.cache.readthrough;

import java.net.URI;
import java.util.Comparator;
import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A request to an origin, and the normalized form used as its cache key: the same path
 * with the same parameters in any order is the same entry.
 *
 * @param uri where to send it
 * @param normalized path and sorted query, the cache key
 */
record OriginRequest(URI uri, String normalized) {

	static OriginRequest of(URI baseUrl, String path, String rawQuery) {
		if (path.isEmpty() || !path.startsWith("/") || path.contains("..") || path.contains("//")) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"The path below the origin must be a plain absolute path");
		}
		MultiValueMap<String, String> query = UriComponentsBuilder.newInstance()
			.query(rawQuery)
			.build()
			.getQueryParams();
		MultiValueMap<String, String> sorted = new LinkedMultiValueMap<>();
		query.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> sorted.put(entry.getKey(),
					entry.getValue().stream().sorted(Comparator.nullsFirst(Comparator.naturalOrder())).toList()));
		String normalizedQuery = UriComponentsBuilder.newInstance().queryParams(sorted).build().getQuery();
		String normalized = path + ((normalizedQuery != null) ? "?" + normalizedQuery : "");
		URI uri = UriComponentsBuilder.fromUri(baseUrl).path(path).query(normalizedQuery).build(true).toUri();
		return new OriginRequest(uri, normalized);
	}

}
