package dev.ddspatterns.gateway.tls;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * The gateway's HTTPS port: a second Reactor Netty server, beside the plain HTTP one that
 * Spring Boot starts, serving the same {@link HttpHandler}. Every route, filter and error
 * handler therefore works alike on both ports; only the socket differs. TLS ends here:
 * what the handler sees is a decrypted request, and it calls backends over plain HTTP.
 *
 * <p>
 * It starts after Boot's own server and shuts down with it, gracefully: requests in
 * flight finish before the port closes.
 */
class HttpsListener implements SmartLifecycle {

	private final NettyReactiveWebServerFactory serverFactory;

	private final ObjectProvider<HttpHandler> httpHandler;

	private volatile @Nullable WebServer server;

	/**
	 * @param serverFactory a factory configured with the port and the SSL bundle
	 * @param httpHandler the application's handler, looked up only at start, once every
	 * filter and route is in place
	 */
	HttpsListener(NettyReactiveWebServerFactory serverFactory, ObjectProvider<HttpHandler> httpHandler) {
		this.serverFactory = serverFactory;
		this.httpHandler = httpHandler;
	}

	@Override
	public void start() {
		WebServer started = this.serverFactory.getWebServer(this.httpHandler.getObject());
		started.start();
		this.server = started;
	}

	@Override
	public void stop(Runnable callback) {
		WebServer running = this.server;
		if (running == null) {
			callback.run();
			return;
		}
		running.shutDownGracefully((result) -> {
			running.stop();
			this.server = null;
			callback.run();
		});
	}

	@Override
	public void stop() {
		WebServer running = this.server;
		if (running != null) {
			running.stop();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Boot starts its web server in phase {@code DEFAULT_PHASE - 2048} and shuts it down
	 * gracefully in {@code DEFAULT_PHASE - 1024}: this listener starts after the plain
	 * port is open and drains alongside it.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/**
	 * @return the port the listener is bound to, useful when it was configured as 0
	 */
	int port() {
		WebServer running = this.server;
		if (running == null) {
			throw new IllegalStateException("The HTTPS listener is not running");
		}
		return running.getPort();
	}

}
