package dev.ddspatterns.cache.readthrough;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.ShardedCache;
import dev.ddspatterns.cache.StoredValue;
import dev.ddspatterns.cache.shards.ShardUnavailableException;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Read-through caching in front of a configured origin (the caching layer of the "Serving
 * Patterns"): {@code GET /v1/cached/{origin}/path?query} answers from the cache when it
 * can, and otherwise fetches {@code baseUrl/path?query} from the origin, stores a
 * successful answer for the origin's TTL and returns it. {@code X-Cache: HIT|MISS} says
 * which.
 *
 * <p>
 * Only origins named in {@code suite.cache.origins} can be reached, and the request only
 * chooses the path below the origin's base URL, so the route cannot be turned into a
 * proxy to arbitrary hosts. If the cache's shard is down the origin is asked directly: a
 * cache outage costs speed, not answers.
 */
@RestController
class ReadThroughController {

	private static final Logger logger = LoggerFactory.getLogger(ReadThroughController.class);

	private static final String PREFIX = "/v1/cached/";

	private final ShardedCache cache;

	private final CacheProperties properties;

	private final RestClient origins;

	ReadThroughController(ShardedCache cache, CacheProperties properties, RestClient.Builder restClients) {
		this.cache = cache;
		this.properties = properties;
		this.origins = restClients.build();
	}

	@GetMapping(PREFIX + "{origin}/**")
	ResponseEntity<byte[]> get(@PathVariable String origin, HttpServletRequest request) {
		CacheProperties.Origin config = this.properties.origins().get(origin);
		if (config == null) {
			throw new ProblemException(ProblemType.NOT_FOUND, "No origin named " + origin + " is configured");
		}
		OriginRequest target = OriginRequest.of(config.baseUrl(),
				request.getRequestURI().substring(PREFIX.length() + origin.length()), request.getQueryString());
		String key = "rt:" + origin + ":" + target.normalized();
		Optional<StoredValue.Read> hit = lookup(key);
		if (hit.isPresent()) {
			return respond(hit.get().value(), "HIT");
		}
		ResponseEntity<byte[]> fetched = fetch(target.uri());
		MediaType type = Optional.ofNullable(fetched.getHeaders().getContentType())
			.orElse(MediaType.APPLICATION_OCTET_STREAM);
		StoredValue value = new StoredValue(type.toString(),
				Optional.ofNullable(fetched.getBody()).orElse(new byte[0]));
		if (fetched.getStatusCode().value() == 200) {
			List<String> cacheControl = fetched.getHeaders().getOrEmpty(HttpHeaders.CACHE_CONTROL);
			if (!forbidsStoring(cacheControl)) {
				store(key, value, config.ttl());
				return respond(value, "MISS");
			}
			// A search root's partial answer, say: not stored here, and the caches in
			// front of this one are told the same.
			return ResponseEntity.ok()
				.contentType(type)
				.header("X-Cache", "MISS")
				.header(HttpHeaders.CACHE_CONTROL, cacheControl.toArray(String[]::new))
				.body(value.bytes());
		}
		return ResponseEntity.status(fetched.getStatusCode()).contentType(type).body(value.bytes());
	}

	/**
	 * Whether the origin's {@code Cache-Control} forbids a shared cache to keep its
	 * answer (RFC 9111: {@code no-store}, {@code private}; {@code no-cache} would need
	 * revalidation, which this cache does not do).
	 */
	static boolean forbidsStoring(List<String> cacheControl) {
		return cacheControl.stream()
			.flatMap((line) -> Arrays.stream(line.split(",")))
			.map((directive) -> directive.split("=", 2)[0].strip().toLowerCase(Locale.ROOT))
			.anyMatch((name) -> name.equals("no-store") || name.equals("private") || name.equals("no-cache"));
	}

	private Optional<StoredValue.Read> lookup(String key) {
		try {
			return this.cache.get(key);
		}
		catch (ShardUnavailableException ex) {
			logger.debug("Cache shard {} unavailable, asking the origin", ex.shard());
			return Optional.empty();
		}
	}

	private void store(String key, StoredValue value, Duration ttl) {
		try {
			this.cache.put(key, value, ttl);
		}
		catch (ShardUnavailableException ex) {
			logger.debug("Cache shard {} unavailable, not storing", ex.shard());
		}
	}

	private ResponseEntity<byte[]> fetch(URI uri) {
		try {
			return this.origins.get().uri(uri).retrieve().onStatus((status) -> true, (req, res) -> {
			}).toEntity(byte[].class);
		}
		catch (RestClientException ex) {
			throw new ProblemException(ProblemType.UNAVAILABLE, "The origin did not answer", java.util.Map.of(), ex);
		}
	}

	private static ResponseEntity<byte[]> respond(StoredValue value, String cacheStatus) {
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(value.contentType()))
			.header("X-Cache", cacheStatus)
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
			.body(value.bytes());
	}

}
