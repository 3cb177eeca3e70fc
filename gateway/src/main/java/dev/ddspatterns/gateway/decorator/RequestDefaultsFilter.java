package dev.ddspatterns.gateway.decorator;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies {@link JsonDefaults} to the JSON body of a {@code POST} before the backend sees
 * it. The body is read whole, but never more than {@code maxBodyBytes} of it: a declared
 * {@code Content-Length} over the limit is refused before reading, a chunked body as soon
 * as it passes the limit ({@code payload-too-large}, 413).
 *
 * <p>
 * Requests that are not a {@code POST} of JSON ({@code application/json} or
 * {@code application/*+json}) pass untouched and unbuffered: the decorator adds defaults
 * where it can and leaves deciding what the service accepts to the service.
 */
final class RequestDefaultsFilter implements GatewayFilter {

	private final JsonDefaults defaults;

	private final int maxBodyBytes;

	RequestDefaultsFilter(JsonDefaults defaults, int maxBodyBytes) {
		this.defaults = defaults;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!HttpMethod.POST.equals(request.getMethod()) || !isJson(request.getHeaders().getContentType())) {
			return chain.filter(exchange);
		}
		if (request.getHeaders().getContentLength() > this.maxBodyBytes) {
			return Mono.error(tooLarge());
		}
		return DataBufferUtils.join(request.getBody(), this.maxBodyBytes)
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.map(RequestDefaultsFilter::drain)
			.defaultIfEmpty(new byte[0])
			.map(this.defaults::applyTo)
			.flatMap((body) -> chain.filter(exchange.mutate().request(withBody(exchange, body)).build()));
	}

	private static boolean isJson(@Nullable MediaType type) {
		return type != null && "application".equals(type.getType())
				&& ("json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix()));
	}

	private ProblemException tooLarge() {
		return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + this.maxBodyBytes + " bytes.");
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** The request with a new body, its length declared so the backend can trust it. */
	private static ServerHttpRequest withBody(ServerWebExchange exchange, byte[] body) {
		HttpHeaders headers = HttpHeaders.copyOf(exchange.getRequest().getHeaders());
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.setContentLength(body.length);
		return new ServerHttpRequestDecorator(exchange.getRequest()) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
			}

		};
	}

}
