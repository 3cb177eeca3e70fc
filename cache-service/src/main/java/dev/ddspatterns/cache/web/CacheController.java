package dev.ddspatterns.cache.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import dev.ddspatterns.cache.CacheProperties;
import dev.ddspatterns.cache.ShardedCache;
import dev.ddspatterns.cache.StoredValue;
import dev.ddspatterns.cache.shards.ShardRouter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cache API: {@code PUT}, {@code GET} and {@code DELETE /v1/cache/{key}}. Responses
 * say which shard owns the key and where the value was read ({@code X-Cache-Shard},
 * {@code X-Cache-Source}), so the sharding is visible from the outside.
 */
@RestController
@RequestMapping("/v1/cache")
class CacheController {

	static final String SHARD_HEADER = "X-Cache-Shard";

	static final String SOURCE_HEADER = "X-Cache-Source";

	static final String TTL_HEADER = "X-Cache-TTL";

	private final ShardedCache cache;

	private final ShardRouter router;

	private final CacheProperties properties;

	CacheController(ShardedCache cache, ShardRouter router, CacheProperties properties) {
		this.cache = cache;
		this.router = router;
		this.properties = properties;
	}

	@PutMapping("/{key}")
	ResponseEntity<Void> put(@PathVariable String key, @RequestParam(name = "ttl", required = false) Long ttlSeconds,
			HttpServletRequest request) throws IOException {
		requireValidKey(key);
		Duration ttl = ttl(ttlSeconds);
		String contentType = contentType(request.getContentType());
		byte[] body = readBounded(request);
		this.cache.put(key, new StoredValue(contentType, body), ttl);
		return ResponseEntity.noContent().header(SHARD_HEADER, this.router.shardFor(key).name()).build();
	}

	@GetMapping("/{key}")
	ResponseEntity<byte[]> get(@PathVariable String key) {
		requireValidKey(key);
		StoredValue.Read read = this.cache.get(key).orElseThrow(() -> CacheProblems.notFound(key));
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(read.value().contentType()))
			.header(SHARD_HEADER, this.router.shardFor(key).name())
			.header(SOURCE_HEADER, read.source());
		if (read.ttl() != null) {
			response.header(TTL_HEADER, String.valueOf(read.ttl().toSeconds()));
		}
		return response.body(read.value().bytes());
	}

	@DeleteMapping("/{key}")
	ResponseEntity<Void> delete(@PathVariable String key) {
		requireValidKey(key);
		if (!this.cache.delete(key)) {
			throw CacheProblems.notFound(key);
		}
		return ResponseEntity.noContent().build();
	}

	private void requireValidKey(String key) {
		String problem = CacheKeys.problemWith(key, this.properties.maxKeyLength());
		if (problem != null) {
			throw CacheProblems.invalid(problem);
		}
	}

	/**
	 * @param header the request's {@code Content-Type}, if any
	 * @return the media type the value is stored and served with
	 */
	static String contentType(@Nullable String header) {
		if (header == null) {
			return MediaType.APPLICATION_OCTET_STREAM_VALUE;
		}
		String mediaType;
		try {
			mediaType = MediaType.parseMediaType(header).toString();
			// A GET answers with it, so it must read back: Spring writes a repeated
			// parameter at its first place, where a lone quote swallows what follows.
			MediaType.parseMediaType(mediaType);
		}
		catch (InvalidMediaTypeException ex) {
			throw CacheProblems.invalid("The Content-Type is not a media type such as text/plain");
		}
		// StoredValue keeps it as US-ASCII: a quoted parameter's é would come back as ?.
		if (!mediaType.chars().allMatch((c) -> c == '\t' || (c >= ' ' && c <= '~'))) {
			throw CacheProblems.invalid("The Content-Type may hold printable ASCII only");
		}
		return mediaType;
	}

	private Duration ttl(Long seconds) {
		if (seconds == null) {
			return this.properties.defaultTtl();
		}
		Duration ttl = Duration.ofSeconds(seconds);
		if (!ttl.isPositive() || ttl.compareTo(this.properties.maxTtl()) > 0) {
			throw CacheProblems.invalid(
					"ttl must be between 1 and " + this.properties.maxTtl().toSeconds() + " seconds, was " + seconds);
		}
		return ttl;
	}

	private byte[] readBounded(HttpServletRequest request) throws IOException {
		long max = this.properties.maxValueSize().toBytes();
		if (request.getContentLengthLong() > max) {
			throw CacheProblems.tooLarge(request.getContentLengthLong(), max);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes((int) max + 1);
			if (body.length > max) {
				throw CacheProblems.tooLarge(body.length, max);
			}
			return body;
		}
	}

}
