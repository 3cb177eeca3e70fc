package dev.ddspatterns.gateway;

import java.nio.charset.StandardCharsets;

import dev.ddspatterns.service.problem.ClientPath;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A backend's problem, told with the client's path: the backend names the path it was
 * asked for ({@code /v1/cache/k}), which is not the one the client sent
 * ({@code /api/v1/cache/k}) and tells it how the gateway rewrites paths. Every
 * {@code application/problem+json} answer passing through gets the client's path as its
 * {@code instance} ({@link ClientPath}: at most its first 256 characters); the rest of
 * the problem is passed on as the backend wrote it.
 */
@Component
class BackendProblems implements GlobalFilter, Ordered {

	/**
	 * Inside the response cache ({@code NettyWriteResponseFilter} − 3), so a cache keeps
	 * what the client got, and before the response is written (− 1).
	 */
	static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

	/**
	 * Problems are a few hundred bytes; this bounds what one answer may hold in memory.
	 */
	private static final int MAX_PROBLEM_BYTES = 256 * 1024;

	private final JsonMapper json;

	BackendProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		// Route filters have not rewritten the path yet: this is the client's.
		String clientPath = exchange.getRequest().getPath().value();
		return chain
			.filter(exchange.mutate().response(new ClientPathResponse(exchange.getResponse(), clientPath)).build());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private final class ClientPathResponse extends ServerHttpResponseDecorator {

		private final String clientPath;

		ClientPathResponse(ServerHttpResponse response, String clientPath) {
			super(response);
			this.clientPath = clientPath;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			MediaType type = getHeaders().getContentType();
			if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(body, MAX_PROBLEM_BYTES).flatMap((joined) -> {
				byte[] problem = new byte[joined.readableByteCount()];
				joined.read(problem);
				DataBufferUtils.release(joined);
				byte[] rewritten = withClientPath(problem);
				getHeaders().setContentLength(rewritten.length);
				return super.writeWith(Mono.just(bufferFactory().wrap(rewritten)));
			});
		}

		/**
		 * The problem with the client's path; anything that is not a JSON object as it
		 * was.
		 */
		private byte[] withClientPath(byte[] problem) {
			try {
				JsonNode parsed = BackendProblems.this.json.readTree(problem);
				if (!(parsed instanceof ObjectNode members)) {
					return problem;
				}
				ClientPath.of(this.clientPath)
					.ifPresentOrElse((instance) -> members.put("instance", instance.toString()),
							() -> members.remove("instance"));
				return BackendProblems.this.json.writeValueAsString(members).getBytes(StandardCharsets.UTF_8);
			}
			catch (JacksonException ex) {
				return problem;
			}
		}

	}

}
