package dev.ddspatterns.gateway.affinity;

import java.util.List;
import java.util.Optional;

import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;

/**
 * Which client a load-balancer request belongs to, read from what the gateway hands a
 * balancer: a {@link RequestDataContext} with the request's headers, cookies and the
 * exchange's attributes.
 *
 * <p>
 * A session cookie is the best key: it names exactly the state the replica holds and
 * survives a change of network. Without one, the client's address stands in, as in the
 * book's "hash of the client IP": the first {@code X-Forwarded-For} address if a proxy in
 * front of the gateway set one, else the peer address that {@link ClientAddressFilter}
 * put in the attributes (the request data carries no peer address of its own). A client
 * that forges {@code X-Forwarded-For} only chooses its own replica, which it could do
 * with a cookie too.
 */
final class AffinityKey {

	private AffinityKey() {
	}

	/**
	 * @param request the load-balancer request
	 * @param sessionCookies the cookies that name a session, in order of preference
	 * @return the client's key, or empty if the request says nothing about its client
	 */
	static Optional<String> of(Request<?> request, List<String> sessionCookies) {
		if (!(request.getContext() instanceof RequestDataContext context) || context.getClientRequest() == null) {
			return Optional.empty();
		}
		RequestData data = context.getClientRequest();
		if (data.getCookies() != null) {
			for (String cookie : sessionCookies) {
				String session = data.getCookies().getFirst(cookie);
				if (session != null && !session.isBlank()) {
					return Optional.of("session:" + session);
				}
			}
		}
		String forwardedFor = (data.getHeaders() != null) ? data.getHeaders().getFirst("X-Forwarded-For") : null;
		if (forwardedFor != null && !forwardedFor.isBlank()) {
			return Optional.of("ip:" + forwardedFor.split(",", 2)[0].trim());
		}
		Object address = (data.getAttributes() != null)
				? data.getAttributes().get(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE) : null;
		return Optional.ofNullable(address).map((value) -> "ip:" + value);
	}

}
