package dev.ddspatterns.cache.readthrough;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A request to an origin, and the normalized form used as its cache key: the same path
 * with the same parameters in any order is the same entry.
 *
 * @param uri where to send it
 * @param normalized path and sorted query, the cache key
 */
record OriginRequest(URI uri, String normalized) {

	static OriginRequest of(URI baseUrl, String path, String rawQuery) {
		if (!isPlainAbsolutePath(path)) {
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
		try {
			URI uri = UriComponentsBuilder.fromUri(baseUrl).path(path).query(normalizedQuery).build(true).toUri();
			return new OriginRequest(uri, normalized);
		}
		catch (IllegalArgumentException ex) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"The path or query below the origin is not a valid URI");
		}
	}

	/**
	 * Whether a path stays below the base URL as the origin reads it, decoded: no
	 * {@code .} or {@code ..} segment and no empty one ({@code //}) in any encoding, as
	 * {@code /%2e%2e/actuator} or {@code /.%2f..} would be once the origin decodes them.
	 */
	private static boolean isPlainAbsolutePath(String path) {
		String decoded;
		try {
			decoded = UriUtils.decode(path, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (!decoded.startsWith("/")) {
			return false;
		}
		String[] segments = decoded.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			boolean trailingSlash = i == segments.length - 1 && segments[i].isEmpty();
			if ((segments[i].isEmpty() && !trailingSlash) || segments[i].equals(".") || segments[i].equals("..")) {
				return false;
			}
		}
		return true;
	}

}
