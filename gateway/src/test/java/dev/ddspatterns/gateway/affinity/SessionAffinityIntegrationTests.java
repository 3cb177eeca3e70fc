package dev.ddspatterns.gateway.affinity;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.ddspatterns.gateway.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The election route of {@code application.yml} in front of four real replicas, the
 * fourth unready at first: clients stick to their replica, and a replica that becomes
 * ready (or stops being ready) moves only the clients the ring says it must.
 */
// A shutdown quiet period of 0 lets the context close at once: health checks keep the
// event loops busy, so Reactor Netty's 2 s quiet period never comes and it waits 15 s.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.loadbalancer.health-check.interval=1s", "spring.reactor.netty.shutdown-quiet-period=0s" })
class SessionAffinityIntegrationTests {

	static final List<TestBackend> replicas = IntStream.range(0, 4)
		.mapToObj((i) -> TestBackend.start("election-" + i))
		.toList();

	static final List<String> SAMPLE = IntStream.range(0, 200)
		.mapToObj((i) -> "10.2." + i / 100 + "." + i % 100)
		.toList();

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		replicas.get(3).ready(false);
		for (int i = 0; i < replicas.size(); i++) {
			String uri = replicas.get(i).uri().toString();
			registry.add("spring.cloud.discovery.client.simple.instances.election-demo[" + i + "].uri", () -> uri);
		}
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(TestBackend::close);
	}

	@LocalServerPort
	int port;

	@Autowired
	LoadBalancerClientFactory balancers;

	WebTestClient http;

	@BeforeEach
	void threeReplicasServe() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		awaitReplicas(0, 1, 2);
	}

	@AfterEach
	void restoreReplicas() {
		replicas.forEach((replica) -> replica.ready(true));
		replicas.get(3).ready(false);
	}

	@Test
	void aClientReachesTheSameReplicaOverAThousandRequests() {
		List<Integer> before = replicas.stream().map(TestBackend::requestCount).toList();
		WebClient client = WebClient.create("http://localhost:" + this.port);
		// Eight at a time: the order of requests does not matter, only where each one
		// lands.
		List<HttpStatusCode> statuses = Flux.range(0, 1000)
			.flatMap((i) -> client.get()
				.uri("/api/v1/election/leader")
				.cookie("suite-session", "alice")
				.retrieve()
				.toBodilessEntity()
				.map(ResponseEntity::getStatusCode), 8)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).hasSize(1000).containsOnly(HttpStatus.OK);
		List<Integer> received = IntStream.range(0, replicas.size())
			.mapToObj((i) -> replicas.get(i).requestCount() - before.get(i))
			.toList();
		assertThat(received).containsOnlyOnce(1000).containsOnly(0, 1000);
		String expected = ReplicaRing.of(instances(0, 1, 2)).replicaFor("session:alice").getInstanceId();
		assertThat(received.get(Integer.parseInt(expected.substring("election-".length())))).isEqualTo(1000);
	}

	@Test
	void aReplicaThatJoinsTakesOnlyItsShareAndAReplicaThatLeavesGivesUpOnlyItsOwn() {
		Map<String, String> three = replicaPerClient();

		replicas.get(3).ready(true);
		awaitReplicas(0, 1, 2, 3);
		Map<String, String> four = replicaPerClient();
		List<String> moved = SAMPLE.stream().filter((client) -> !three.get(client).equals(four.get(client))).toList();
		assertThat(moved).isNotEmpty().allSatisfy((client) -> assertThat(four.get(client)).isEqualTo("election-3"));
		// Exactly the clients the selection function moves: about 1/4 of 10,000 in
		// SessionAffinityLoadBalancerTests, no more.
		assertThat(moved).isEqualTo(movedByTheRing(instances(0, 1, 2), instances(0, 1, 2, 3)));

		replicas.get(1).ready(false);
		awaitReplicas(0, 2, 3);
		Map<String, String> withoutOne = replicaPerClient();
		assertThat(SAMPLE).filteredOn((client) -> !four.get(client).equals("election-1"))
			.allSatisfy((client) -> assertThat(withoutOne.get(client)).isEqualTo(four.get(client)));
		assertThat(SAMPLE).filteredOn((client) -> four.get(client).equals("election-1"))
			.isNotEmpty()
			.allSatisfy((client) -> assertThat(withoutOne.get(client)).isNotEqualTo("election-1"));
	}

	@Test
	void onlyTheChosenServicesAreAffineAndTheyKeepTheHealthCheck() {
		assertThat(this.balancers.getInstance("election-demo", ReactorServiceInstanceLoadBalancer.class))
			.isInstanceOf(SessionAffinityLoadBalancer.class);
		assertThat(this.balancers.getInstance("cache-service", ReactorServiceInstanceLoadBalancer.class))
			.isInstanceOf(SessionAffinityLoadBalancer.class);
		assertThat(this.balancers.getInstance("search-root", ReactorServiceInstanceLoadBalancer.class))
			.isInstanceOf(RoundRobinLoadBalancer.class);
		LoadBalancerProperties.HealthCheck healthCheck = this.balancers.getProperties("election-demo").getHealthCheck();
		assertThat(healthCheck.getPath()).containsEntry("default", "/readyz");
		assertThat(healthCheck.getInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(healthCheck.isUpdateResultsList()).isFalse();
	}

	/**
	 * Waits until the gateway balances over exactly these replicas: every sampled client
	 * reaches the replica a ring over them names.
	 */
	private void awaitReplicas(int... ready) {
		ReplicaRing ring = ReplicaRing.of(instances(ready));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> SAMPLE.stream()
				.limit(40)
				.allMatch((client) -> ring.replicaFor("ip:" + client).getInstanceId().equals(replicaOf(client))));
	}

	private static List<String> movedByTheRing(List<ServiceInstance> before, List<ServiceInstance> after) {
		ReplicaRing from = ReplicaRing.of(before);
		ReplicaRing to = ReplicaRing.of(after);
		return SAMPLE.stream()
			.filter((client) -> !from.replicaFor("ip:" + client)
				.getInstanceId()
				.equals(to.replicaFor("ip:" + client).getInstanceId()))
			.toList();
	}

	private Map<String, String> replicaPerClient() {
		Map<String, String> replicaPerClient = new HashMap<>();
		SAMPLE.forEach((client) -> replicaPerClient.put(client, replicaOf(client)));
		return replicaPerClient;
	}

	/**
	 * The name of the replica that answered a client, from its {"backend":"..."} body.
	 */
	private String replicaOf(String client) {
		String body = this.http.get()
			.uri("/api/v1/election/leader")
			.header("X-Forwarded-For", client)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return body.substring(body.indexOf(":\"") + 2, body.lastIndexOf('"'));
	}

	private static List<ServiceInstance> instances(int... indexes) {
		return IntStream.of(indexes).mapToObj((i) -> {
			TestBackend replica = replicas.get(i);
			return (ServiceInstance) new DefaultServiceInstance(replica.name(), "election-demo",
					replica.uri().getHost(), replica.uri().getPort(), false);
		}).toList();
	}

}
