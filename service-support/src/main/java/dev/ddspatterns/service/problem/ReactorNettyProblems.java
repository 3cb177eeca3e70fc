package dev.ddspatterns.service.problem;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Every Reactor Netty server of the app, a second listener built by hand included (the
 * gateway's HTTPS port), gets the same parser limits as Boot's own
 * ({@code server.netty.max-initial-line-length},
 * {@code server.max-http-request-header-size}, the latter also as HTTP/2's header list
 * size) and answers what it refuses by itself as a problem ({@link UndecodableRequests}).
 */
class ReactorNettyProblems implements NettyServerCustomizer {

	private final RequestScreen screen;

	private final int maxInitialLineLength;

	private final int maxHeaderSize;

	ReactorNettyProblems(RequestScreen screen, int maxInitialLineLength, int maxHeaderSize) {
		this.screen = screen;
		this.maxInitialLineLength = maxInitialLineLength;
		this.maxHeaderSize = maxHeaderSize;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.httpRequestDecoder(
				(decoder) -> decoder.maxInitialLineLength(this.maxInitialLineLength).maxHeaderSize(this.maxHeaderSize))
			.http2Settings((settings) -> settings.maxHeaderListSize(this.maxHeaderSize))
			.doOnChannelInit(
					(observer, channel, address) -> UndecodableRequests.install(channel.pipeline(), this.screen));
	}

}
