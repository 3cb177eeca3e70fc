package dev.ddspatterns.gateway.caching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caching layer on one route: a fresh stored answer is written straight back
 * ({@code X-Cache: HIT}, with its {@code Age}); otherwise the request goes on to the
 * backend ({@code X-Cache: MISS}) and, if {@link CachePolicy} allows, the answer is
 * copied into the cache while it streams to the client.
 *
 * <p>
 * Concurrent misses for the same key all reach the backend; unlike Varnish's waiting
 * list, nothing coalesces them. The first answer to complete is stored.
 */
final class ResponseCacheFilter implements GatewayFilter, Ordered {

	static final String X_CACHE = "X-Cache";

	/**
	 * Before {@link NettyWriteResponseFilter} (−1) so that the response it writes is
	 * ours, and outside response-body rewrites such as {@code ModifyResponseBody} (−2),
	 * so that the cache keeps what the client received. Spring's own
	 * {@code LocalResponseCache} sits at the same place.
	 */
	static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 3;

	private final CachedResponses responses;

	private final Duration defaultLifetime;

	private final long maxEntryBytes;

	private final List<String> keyHeaders;

	private final RequestCounters counters;

	ResponseCacheFilter(CachedResponses responses, Duration defaultLifetime, long maxEntryBytes,
			List<String> keyHeaders, RequestCounters counters) {
		this.responses = responses;
		this.defaultLifetime = defaultLifetime;
		this.maxEntryBytes = maxEntryBytes;
		this.keyHeaders = List.copyOf(keyHeaders);
		this.counters = counters;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!CachePolicy.isLookedUp(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		markMiss(exchange.getResponse());
		if (CachePolicy.mustPass(exchange.getRequest())) {
			this.counters.pass().increment();
			return chain.filter(exchange);
		}
		CacheKey key = CacheKey.of(exchange.getRequest(), this.keyHeaders);
		if (!CachePolicy.wantsRefresh(exchange.getRequest())) {
			CachedResponse stored = this.responses.fresh(key);
			if (stored != null) {
				this.counters.hit().increment();
				return writeStored(exchange.getResponse(), stored);
			}
		}
		this.counters.miss().increment();
		return chain.filter(exchange.mutate().response(new StoringResponse(exchange, key)).build());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private static void markMiss(ServerHttpResponse response) {
		response.beforeCommit(() -> {
			if (!response.getHeaders().containsHeader(X_CACHE)) {
				response.getHeaders().set(X_CACHE, "MISS");
			}
			return Mono.empty();
		});
	}

	private Mono<Void> writeStored(ServerHttpResponse response, CachedResponse stored) {
		response.setStatusCode(stored.status());
		response.getHeaders().putAll(stored.headers());
		response.getHeaders().set(X_CACHE, "HIT");
		response.getHeaders().set(HttpHeaders.AGE, Long.toString(stored.ageSeconds(this.responses.clock().instant())));
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(stored.body())));
	}

	/**
	 * Copies a storable answer as it is written to the client and stores it once the
	 * backend has sent all of it. An answer cut short, or larger than an entry may be, is
	 * not stored. Streams written with flushes (server-sent events) pass untouched.
	 */
	private final class StoringResponse extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		private final CacheKey key;

		StoringResponse(ServerWebExchange exchange, CacheKey key) {
			super(exchange.getResponse());
			this.exchange = exchange;
			this.key = key;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			Optional<Duration> lifetime = (status != null) ? CachePolicy.lifetime(status, getHeaders(),
					ResponseCacheFilter.this.defaultLifetime, ResponseCacheFilter.this.keyHeaders) : Optional.empty();
			if (lifetime.isEmpty()) {
				return super.writeWith(body);
			}
			HttpHeaders headers = backendHeaders(this.exchange, getHeaders());
			Instant arrived = ResponseCacheFilter.this.responses.clock().instant();
			BoundedCopy copy = new BoundedCopy(ResponseCacheFilter.this.maxEntryBytes);
			return super.writeWith(Flux.from(body).map(copy::append).doOnComplete(() -> {
				if (!copy.overflowed()) {
					ResponseCacheFilter.this.responses.store(this.key,
							new CachedResponse(status, headers, copy.bytes(), arrived, lifetime.get()));
					ResponseCacheFilter.this.counters.stored().increment();
				}
			}));
		}

	}

	/**
	 * The headers the backend sent, without those the route's other filters added for
	 * this one request (a caller's {@code X-RateLimit-Remaining} must not be replayed to
	 * the next caller). The gateway records which headers came from the backend.
	 */
	private static HttpHeaders backendHeaders(ServerWebExchange exchange, HttpHeaders headers) {
		Set<String> fromBackend = exchange.getAttribute(ServerWebExchangeUtils.CLIENT_RESPONSE_HEADER_NAMES);
		HttpHeaders stored = new HttpHeaders();
		if (fromBackend == null) {
			stored.putAll(headers);
		}
		else {
			Set<String> names = fromBackend.stream()
				.map((name) -> name.toLowerCase(Locale.ROOT))
				.collect(Collectors.toSet());
			headers.forEach((name, values) -> {
				if (names.contains(name.toLowerCase(Locale.ROOT))) {
					stored.put(name, List.copyOf(values));
				}
			});
		}
		return HttpHeaders.readOnlyHttpHeaders(stored);
	}

}
