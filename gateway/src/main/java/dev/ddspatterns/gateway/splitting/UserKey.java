package dev.ddspatterns.gateway.splitting;

import java.net.InetSocketAddress;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who a request comes from, as far as an experiment is concerned: the most stable
 * identity the request carries. An API key names an account on any device; the
 * {@code suite-user} cookie names a browser; the client address is the last resort and
 * puts everyone behind one NAT in the same variant.
 */
final class UserKey {

	static final String API_KEY_HEADER = "X-API-Key";

	static final String USER_COOKIE = "suite-user";

	private UserKey() {
	}

	/**
	 * @param request the incoming request
	 * @return its user's key; the three sources are prefixed so that an API key can never
	 * collide with a cookie value or an address
	 */
	static String of(ServerHttpRequest request) {
		String apiKey = request.getHeaders().getFirst(API_KEY_HEADER);
		if (apiKey != null && !apiKey.isBlank()) {
			return "key:" + apiKey;
		}
		HttpCookie cookie = request.getCookies().getFirst(USER_COOKIE);
		if (cookie != null && !cookie.getValue().isBlank()) {
			return "user:" + cookie.getValue();
		}
		return "ip:" + clientAddress(request);
	}

	/**
	 * The first address of {@code X-Forwarded-For} when a proxy in front of the gateway
	 * set one (the client as that proxy saw it), else the peer's address. A client can
	 * forge the header, but it could as well send {@code X-Variant}: an experiment is not
	 * a security boundary.
	 */
	private static String clientAddress(ServerHttpRequest request) {
		String forwardedFor = request.getHeaders().getFirst("X-Forwarded-For");
		if (forwardedFor != null && !forwardedFor.isBlank()) {
			return forwardedFor.split(",", 2)[0].trim();
		}
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
