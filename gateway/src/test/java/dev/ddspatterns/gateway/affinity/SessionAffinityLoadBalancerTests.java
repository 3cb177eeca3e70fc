package dev.ddspatterns.gateway.affinity;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer's selection function over 10,000 clients: each client keeps its replica,
 * and a replica joining or leaving moves only the clients it must.
 */
class SessionAffinityLoadBalancerTests {

	static final int CLIENTS = 10_000;

	static final List<ServiceInstance> THREE = replicas(3);

	static final List<ServiceInstance> FOUR = replicas(4);

	final SessionAffinityLoadBalancer balancer = balancerOver(THREE);

	@Test
	void aClientReachesTheSameReplicaOnEveryRequest() {
		DefaultRequest<RequestDataContext> alice = request(Map.of("suite-session", "alice"), new HttpHeaders(),
				Map.of());
		ServiceInstance first = this.balancer.choose(alice).block().getServer();
		for (int i = 0; i < 1000; i++) {
			assertThat(this.balancer.choose(alice).block().getServer()).isEqualTo(first);
		}
	}

	@Test
	void clientsSpreadOverTheReplicas() {
		Map<String, Integer> perReplica = new HashMap<>();
		clients().forEach((client) -> perReplica.merge(replicaOf(this.balancer, client), 1, Integer::sum));
		assertThat(perReplica.values()).allSatisfy((count) -> assertThat(count).isBetween(3000, 3700));
	}

	@Test
	void addingAFourthReplicaMovesAboutAQuarterOfTheClientsAllToIt() {
		SessionAffinityLoadBalancer four = balancerOver(FOUR);
		List<String> moved = clients()
			.filter((client) -> !replicaOf(this.balancer, client).equals(replicaOf(four, client)))
			.toList();
		// Ideal: the new replica's share, 1/4. hash % N would move 3/4.
		assertThat(moved.size() / (double) CLIENTS).isBetween(0.20, 1 / 3.0);
		assertThat(moved).allSatisfy((client) -> assertThat(replicaOf(four, client)).isEqualTo("10.0.0.3:8080"));
	}

	@Test
	void removingAReplicaMovesOnlyItsClients() {
		SessionAffinityLoadBalancer withoutOne = balancerOver(List.of(THREE.get(0), THREE.get(2)));
		clients().forEach((client) -> {
			String before = replicaOf(this.balancer, client);
			if (!before.equals("10.0.0.1:8080")) {
				assertThat(replicaOf(withoutOne, client)).isEqualTo(before);
			}
		});
	}

	@Test
	void theSessionCookieDecidesThenTheForwardedAddressThenThePeer() {
		HttpHeaders forwarded = new HttpHeaders();
		forwarded.add("X-Forwarded-For", "198.51.100.1, 10.0.0.9");
		Map<String, Object> peer = Map.of(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE, "192.0.2.7");
		List<String> cookies = List.of("suite-session", "SESSION");
		assertThat(AffinityKey.of(request(Map.of("SESSION", "s-1"), forwarded, peer), cookies)).contains("session:s-1");
		assertThat(AffinityKey.of(request(Map.of("SESSION", "s-1", "suite-session", "s-2"), forwarded, peer), cookies))
			.contains("session:s-2");
		assertThat(AffinityKey.of(request(Map.of(), forwarded, peer), cookies)).contains("ip:198.51.100.1");
		assertThat(AffinityKey.of(request(Map.of(), new HttpHeaders(), peer), cookies)).contains("ip:192.0.2.7");
		assertThat(AffinityKey.of(request(Map.of(), new HttpHeaders(), Map.of()), cookies)).isEmpty();
		assertThat(AffinityKey.of(new DefaultRequest<>(), cookies)).isEmpty();
	}

	@Test
	void aRequestThatNamesNoClientStillGetsAReplica() {
		assertThat(this.balancer.choose(new DefaultRequest<>()).block().getServer()).isIn(THREE);
		assertThat(this.balancer.choose(List.of(), "session:alice").hasServer()).isFalse();
	}

	/** The replica a balancer picks for a client with this session cookie. */
	private static String replicaOf(SessionAffinityLoadBalancer balancer, String session) {
		return ReplicaRing.idOf(balancer.choose(request(Map.of("suite-session", session), new HttpHeaders(), Map.of()))
			.block()
			.getServer());
	}

	static SessionAffinityLoadBalancer balancerOver(List<ServiceInstance> replicas) {
		return new SessionAffinityLoadBalancer("election-demo",
				ServiceInstanceListSuppliers.toProvider("election-demo", replicas.toArray(ServiceInstance[]::new)),
				List.of("suite-session", "SESSION"));
	}

	static List<ServiceInstance> replicas(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> (ServiceInstance) new DefaultServiceInstance("election-demo-" + i, "election-demo",
					"10.0.0." + i, 8080, false))
			.toList();
	}

	static Stream<String> clients() {
		return IntStream.range(0, CLIENTS).mapToObj((i) -> "client-" + i);
	}

	static DefaultRequest<RequestDataContext> request(Map<String, String> cookies, HttpHeaders headers,
			Map<String, Object> attributes) {
		LinkedMultiValueMap<String, String> cookieMap = new LinkedMultiValueMap<>();
		cookies.forEach(cookieMap::add);
		return new DefaultRequest<>(new RequestDataContext(new RequestData(HttpMethod.GET,
				URI.create("http://election-demo/v1/election"), headers, cookieMap, attributes)));
	}

}
