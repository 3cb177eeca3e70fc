package dev.ddspatterns.service.problem;

import java.net.URI;
import java.net.URISyntaxException;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Reactor Netty's answers of its own, as problems. Sits right behind the HTTP/1.1 decoder
 * and answers, before Reactor Netty or Spring sees it, a request they would refuse with
 * an empty body: one the decoder failed on (a request line over
 * {@code server.netty.max-initial-line-length}: 414; headers over
 * {@code server.max-http-request-header-size}: 431; anything malformed: 400), and one
 * whose URI {@link URI} cannot parse ({@code %ZZ}, a control character), which Spring's
 * adapter answers with a bare 400. The connection is closed after the answer, and the
 * answer waits for the responses to requests before it on the connection.
 */
final class UndecodableRequests extends ChannelDuplexHandler {

	static final String NAME = "suite.undecodableRequests";

	private final RequestScreen screen;

	/** Requests passed on whose response has not ended yet. */
	private int inFlight;

	/** Once a request is refused, nothing more is read from the connection. */
	private boolean refused;

	/** The answer to a refused request, waiting for the ones before it to have theirs. */
	private @Nullable FullHttpResponse waiting;

	private UndecodableRequests(RequestScreen screen) {
		this.screen = screen;
	}

	/**
	 * Puts the handler behind the HTTP/1.1 decoder. Behind TLS with ALPN the decoder is
	 * only there once HTTP/1.1 has been chosen, so a placeholder waits for the handshake
	 * (and an HTTP/2 connection gets none: each of its streams has a decoder of its own).
	 * @param pipeline a new connection's pipeline
	 * @param limits the limits whose refusals this handler words
	 */
	static void install(ChannelPipeline pipeline, RequestScreen screen) {
		if (pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec) {
			pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new UndecodableRequests(screen));
		}
		else if (pipeline.get(NettyPipeline.H2OrHttp11Codec) != null) {
			pipeline.addAfter(NettyPipeline.H2OrHttp11Codec, NAME, new AfterNegotiation(screen));
		}
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refused) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			ProblemDetail problem = problemFor(request);
			if (problem != null) {
				ReferenceCountUtil.release(msg);
				refuse(ctx, problem);
				return;
			}
			this.inFlight++;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		boolean ends = msg instanceof LastHttpContent && !(msg instanceof HttpResponse response
				&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
		ctx.write(msg, promise);
		if (ends && this.inFlight > 0 && --this.inFlight == 0 && this.waiting != null) {
			FullHttpResponse refusal = this.waiting;
			this.waiting = null;
			ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
		}
	}

	private @Nullable ProblemDetail problemFor(HttpRequest request) {
		DecoderResult result = request.decoderResult();
		if (result.isSuccess() && parses(request.uri())) {
			return null;
		}
		ProblemDetail problem = result.isFailure() ? decodingFailure(result.cause()).getBody()
				: this.screen.unreadable().getBody();
		// The decoder names a request whose line it could not read "/bad-request", in a
		// full request of its own making: that path is not the client's.
		if (!(request instanceof FullHttpRequest)) {
			ProblemBodies.setInstance(problem, request.uri());
		}
		return problem;
	}

	private ProblemException decodingFailure(Throwable cause) {
		if (cause instanceof TooLongHttpLineException) {
			return this.screen.uriTooLong();
		}
		if (cause instanceof TooLongHttpHeaderException) {
			return this.screen.headersTooLarge();
		}
		return this.screen.unreadable();
	}

	/** What Spring's adapter needs of the URI; it answers a bare 400 otherwise. */
	private static boolean parses(String uri) {
		try {
			new URI(uri);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private void refuse(ChannelHandlerContext ctx, ProblemDetail problem) {
		byte[] body = ProblemJson.of(problem);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(problem.getStatus()), Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		this.refused = true;
		if (this.inFlight == 0) {
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
		else {
			this.waiting = response;
		}
	}

	/**
	 * Stands in for the handler until ALPN has chosen a protocol, which happens before
	 * the first request arrives: then, for HTTP/1.1, puts the handler behind the decoder
	 * that has just been added, and steps aside.
	 */
	private static final class AfterNegotiation extends ChannelInboundHandlerAdapter {

		private final RequestScreen screen;

		AfterNegotiation(RequestScreen screen) {
			this.screen = screen;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
			if (event instanceof SslHandshakeCompletionEvent) {
				place(ctx.pipeline());
			}
			ctx.fireUserEventTriggered(event);
		}

		/**
		 * Reads that arrived with the handshake come through once the protocol is chosen:
		 * still bytes if the decoder comes after this placeholder, else already decoded,
		 * and then they go to the handler behind the decoder.
		 */
		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			place(ctx.pipeline());
			ChannelHandlerContext decoder = ctx.pipeline().context(NettyPipeline.HttpCodec);
			if (msg instanceof HttpObject && decoder != null) {
				decoder.fireChannelRead(msg);
			}
			else {
				ctx.fireChannelRead(msg);
			}
		}

		private void place(ChannelPipeline pipeline) {
			if (pipeline.get(NAME) != this) {
				return;
			}
			pipeline.remove(this);
			if (pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec) {
				pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new UndecodableRequests(this.screen));
			}
		}

	}

}
