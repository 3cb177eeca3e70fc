package dev.ddspatterns.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The outside world of the thumbnailer's URL jobs, on loopback: a web server that serves
 * one picture ({@code /media/tour.png}, 1280×720) and receives job callbacks ({@code POST
 * /callbacks/{name}}), remembering each one. The thumbnailer is started with this origin
 * on its source and callback allow-lists.
 */
final class TourOrigin implements AutoCloseable {

	private final HttpServer server;

	private final byte[] picture = picture();

	private final Map<String, List<String>> callbacks = new ConcurrentHashMap<>();

	TourOrigin() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/media/tour.png", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "image/png");
			respond(exchange, 200, this.picture);
		});
		this.server.createContext("/callbacks/", (exchange) -> {
			String name = exchange.getRequestURI().getPath().substring("/callbacks/".length());
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.callbacks.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(body);
			respond(exchange, 204, null);
		});
		this.server.start();
	}

	/**
	 * @return {@code http://localhost:port}, the origin to allow
	 */
	URI origin() {
		return URI.create("http://localhost:" + this.server.getAddress().getPort());
	}

	/**
	 * @param name the last path segment of a callback URL
	 * @return the bodies POSTed to it so far
	 */
	List<String> callbacks(String name) {
		return this.callbacks.getOrDefault(name, List.of());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		try (exchange) {
			exchange.sendResponseHeaders(status, (body != null) ? body.length : -1);
			if (body != null) {
				exchange.getResponseBody().write(body);
			}
		}
	}

	private static byte[] picture() {
		BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, Color.ORANGE, 1280, 720, Color.BLUE));
		graphics.fillRect(0, 0, 1280, 720);
		graphics.dispose();
		try {
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return png.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
