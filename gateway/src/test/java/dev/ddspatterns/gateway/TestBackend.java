package dev.ddspatterns.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ddspatterns.testsupport.http.RawHttp;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTP backend for gateway tests: it records every request it receives and answers
 * as told. {@code /readyz} answers 200 or 503 as set with {@link #ready(boolean)}, like
 * the suite's services, so the gateway's health-checked load balancer can be tested.
 */
public final class TestBackend implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Response response;

	private volatile Duration delay = Duration.ZERO;

	private volatile boolean ready = true;

	private TestBackend(String name) throws IOException {
		this.name = name;
		this.response = new Response(200, "application/json", "{\"backend\":\"" + name + "\"}", Map.of());
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * @param name a name the default answer carries, {@code {"backend":"name"}}
	 * @return a running backend on a free loopback port
	 */
	public static TestBackend start(String name) {
		try {
			return new TestBackend(name);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestURI().getPath().equals("/readyz")) {
				exchange.sendResponseHeaders(this.ready ? 200 : 503, -1);
				return;
			}
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay);
			}
			Response answer = this.response;
			answer.headers().forEach((header, value) -> exchange.getResponseHeaders().add(header, value));
			exchange.getResponseHeaders().add("Content-Type", answer.contentType());
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * @return the backend's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return {@code http://127.0.0.1:port}
	 */
	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * @return the requests received so far, readiness probes excluded
	 */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * @return how many requests arrived, readiness probes excluded
	 */
	public int requestCount() {
		return this.received.size();
	}

	/**
	 * @param status the status to answer with from now on
	 * @param contentType its content type
	 * @param body its body
	 * @param headers extra headers
	 */
	public void respond(int status, String contentType, String body, Map<String, String> headers) {
		this.response = new Response(status, contentType, body, Map.copyOf(headers));
	}

	/**
	 * @param delay how long to wait before answering from now on
	 */
	public void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * @param ready whether {@code /readyz} answers 200 (else 503)
	 */
	public void ready(boolean ready) {
		this.ready = ready;
	}

	/**
	 * Makes this backend the one instance of the service it is named after, in place of
	 * the ones {@code application.yml} lists (a list is replaced as a whole).
	 * @param registry the test's dynamic properties
	 */
	public void registerAsOnlyInstance(DynamicPropertyRegistry registry) {
		registry.add("spring.cloud.discovery.client.simple.instances." + this.name + "[0].uri", () -> uri().toString());
	}

	/**
	 * Waits until a gateway routes requests here: its load balancer sends a backend
	 * nothing before the backend's first health check passes.
	 * @param gatewayPort the gateway's HTTP port
	 * @param path a path the gateway routes to this backend, answered 200
	 */
	public void awaitRouted(int gatewayPort, String path) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> RawHttp.exchange(gatewayPort, RawHttp.get(path)).status() == 200);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A request the backend received.
	 *
	 * @param method HTTP method
	 * @param path raw path
	 * @param query raw query, or {@code null}
	 * @param headers request headers
	 * @param body request body
	 */
	public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

		/**
		 * @param name a header name, any case
		 * @return its first value, or {@code null}
		 */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/**
		 * @return the body as UTF-8 text
		 */
		public String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private record Response(int status, String contentType, String body, Map<String, String> headers) {
	}

}
