package dev.ddspatterns.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.ddspatterns.testsupport.InfrastructureMode;
import dev.ddspatterns.testsupport.kafka.KafkaBroker;
import dev.ddspatterns.testsupport.redis.RedisProcess;
import dev.ddspatterns.testsupport.tls.TestCertificates;

/**
 * Everything the demo runs, on the README's ports: real Redis servers (started the way
 * test-support starts them) and every app as its own process.
 *
 * <pre>
 * Redis  6380 rate limits, thumbnailer jobs   6381 election   6390/6391 shard-0   6392/6393 shard-1   6394/6395 shard-2   6396 spare
 * Kafka  a free port (KRaft, in the demo's own JVM; the table shows it)
 * apps   8080 gateway (HTTPS 8443, a certificate made for the run)  8081 cache-service  8082 search-root
 *        8083, 8087 thumbnailer  8084-8086 election-demo  8088 console
 *        8090-8093 search-leaf
 * </pre>
 */
final class Stack implements AutoCloseable {

	/** Where the pattern console serves. */
	static final int CONSOLE_PORT = 8088;

	/**
	 * The token of the apps' fault switches ({@code suite.faults.token}), made for the
	 * run and held by the console: its buttons work, nothing in the repository does.
	 */
	private final String faultToken;

	static final int EDGE_REDIS = 6380;

	static final int ELECTION_REDIS = 6381;

	static final int SPARE_SHARD = 6396;

	private final Path root;

	private final Path logs;

	private final Map<String, RedisProcess> redis = new LinkedHashMap<>();

	private final Map<String, AppProcess> apps = new LinkedHashMap<>();

	private final KafkaBroker kafka = KafkaBroker.kraft();

	private final TourOrigin origin = new TourOrigin();

	private final TestCertificates certificates;

	private final AppLaunch launch;

	private final AtomicBoolean closed = new AtomicBoolean();

	Stack(Path root) {
		this.root = root;
		this.logs = root.resolve(".demo/logs");
		try {
			Files.createDirectories(this.logs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.certificates = TestCertificates.generate(root.resolve(".demo/tls"));
		this.launch = new AppLaunch(root);
		byte[] token = new byte[24];
		new SecureRandom().nextBytes(token);
		this.faultToken = HexFormat.of().formatHex(token);
	}

	/**
	 * @return the fixed ports of the stack that something already listens on: a demo
	 * still running, or another program
	 */
	static List<Integer> portsInUse() {
		List<Integer> ports = new ArrayList<>(List.of(EDGE_REDIS, ELECTION_REDIS, 8443));
		IntStream.rangeClosed(6390, SPARE_SHARD).forEach(ports::add);
		IntStream.rangeClosed(8080, 8088).forEach(ports::add);
		IntStream.rangeClosed(8090, 8093).forEach(ports::add);
		return ports.stream().filter(Stack::listening).toList();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	void startInfrastructure() {
		this.redis.put("redis-edge", RedisProcess.start("redis-edge", EDGE_REDIS, null));
		this.redis.put("redis-election", RedisProcess.start("redis-election", ELECTION_REDIS, null));
		for (int shard = 0; shard < 3; shard++) {
			RedisProcess primary = RedisProcess.start("shard-" + shard + "-primary", 6390 + 2 * shard, null);
			this.redis.put(primary.name(), primary);
			RedisProcess replica = RedisProcess.start("shard-" + shard + "-replica", 6391 + 2 * shard, primary);
			this.redis.put(replica.name(), replica);
		}
		this.redis.put("spare-shard", RedisProcess.start("spare-shard", SPARE_SHARD, null));
		this.kafka.start(InfrastructureMode.PROCESSES);
	}

	/**
	 * Extracts the apps and records their start-up caches where this build has none yet
	 * (once per build; see {@link AppLaunch}).
	 */
	void prepareApps() {
		this.launch.prepare(Map.of("search-leaf", "-exec", "search-root", "", "cache-service", "", "thumbnailer", "",
				"election-demo", "", "gateway", "", "console", ""));
	}

	void startApps() {
		String corpus = this.root.resolve("corpus").toString();
		int[][] leaves = { { 0, 8090 }, { 0, 8091 }, { 1, 8092 }, { 2, 8093 } };
		for (int[] leaf : leaves) {
			String name = "search-leaf-" + leaf[1];
			add(name, jar("search-leaf", "-exec"), leaf[1],
					List.of("--suite.search.leaf.shard-index=" + leaf[0], "--suite.search.leaf.shard-count=3",
							"--suite.search.leaf.corpus=" + corpus, "--suite.faults.enabled=true",
							"--suite.faults.token=" + this.faultToken));
		}
		add("search-root", jar("search-root", ""), 8082, List.of());
		add("cache-service", jar("cache-service", ""), 8081, List.of());
		// Two thumbnailers, one consumer group: the work queue's items spread over both.
		for (int port : new int[] { 8083, 8087 }) {
			add((port == 8083) ? "thumbnailer" : "thumbnailer-" + port, jar("thumbnailer", ""), port,
					List.of("--spring.kafka.bootstrap-servers=" + this.kafka.bootstrapServers(),
							"--spring.data.redis.port=" + EDGE_REDIS, "--suite.thumbnailer.blob-dir=" + blobs(),
							"--suite.thumbnailer.source-origins=" + this.origin.origin(),
							"--suite.thumbnailer.callback-origins=" + this.origin.origin()));
		}
		// Each tick waits between the watchdog's check and the write, so a pause can land
		// in between: the window a long GC pause opens, made wide enough to hit.
		for (int port = 8084; port <= 8086; port++) {
			add("election-" + port, jar("election-demo", ""), port,
					List.of("--spring.data.redis.port=" + ELECTION_REDIS, "--suite.instance-id=election-" + port,
							"--suite.faults.enabled=true", "--suite.faults.token=" + this.faultToken,
							"--suite.election.faults.hold-before-write=" + ElectionSteps.HOLD.toMillis() + "ms"));
		}
		// A laptop running the whole suite can be slow to answer; the gateway's 100 ms
		// Redis budget would make its rate limiter fail open, and the tour would see no
		// limit.
		List<String> gateway = new ArrayList<>(
				List.of("--spring.data.redis.port=" + EDGE_REDIS, "--suite.gateway.rate-limit.timeout=2s",
						// The tour and the load tests play the load balancer in front of
						// the
						// gateway: their X-Forwarded-For names each simulated user's
						// address.
						"--suite.gateway.rate-limit.trusted-proxies=127.0.0.1",
						"--spring.cloud.discovery.client.simple.instances.thumbnailer[0].uri=http://localhost:8083",
						"--spring.cloud.discovery.client.simple.instances.thumbnailer[1].uri=http://localhost:8087",
						"--spring.ssl.bundle.pem.gateway.keystore.certificate=file:" + this.certificates.certificate(),
						"--spring.ssl.bundle.pem.gateway.keystore.private-key=file:" + this.certificates.privateKey()));
		// The tour's demo keys, registered by their SHA-256 as any key is.
		for (int i = 0; i < GatewaySteps.API_KEYS.size(); i++) {
			String key = GatewaySteps.API_KEYS.get(i);
			gateway.add("--suite.gateway.rate-limit.api-keys[" + i + "].name=" + key);
			gateway.add("--suite.gateway.rate-limit.api-keys[" + i + "].sha256=" + sha256(key));
		}
		add("gateway", jar("gateway", ""), 8080, gateway);
		// The pattern console reads every app above on its demo port (its own defaults).
		add("console", jar("console", ""), CONSOLE_PORT, List.of("--suite.console.fault-token=" + this.faultToken));
		this.apps.values().forEach(AppProcess::start);
	}

	/**
	 * @param timeout how long each app may take
	 * @return the apps that did not become ready
	 */
	List<AppProcess> awaitReady(Duration timeout) throws InterruptedException {
		List<AppProcess> late = new ArrayList<>();
		for (AppProcess app : this.apps.values()) {
			if (!app.awaitReady(timeout)) {
				late.add(app);
			}
		}
		return late;
	}

	/** As {@code printf %s key | sha256sum} prints it. */
	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	Map<String, AppProcess> apps() {
		return this.apps;
	}

	Map<String, RedisProcess> redis() {
		return this.redis;
	}

	/**
	 * @return the resident memory of every process the demo runs, its own included, in
	 * bytes (empty where the system does not say)
	 */
	OptionalLong residentBytes() {
		List<Long> pids = new ArrayList<>(List.of(ProcessHandle.current().pid()));
		this.apps.values().stream().filter(AppProcess::isRunning).forEach((app) -> pids.add(app.pid()));
		this.redis.values().stream().filter(RedisProcess::isRunning).forEach((server) -> pids.add(server.pid()));
		return Footprint.residentBytes(pids);
	}

	AppProcess app(String name) {
		return this.apps.get(name);
	}

	Path logs() {
		return this.logs;
	}

	Path blobs() {
		return this.root.resolve(".demo/blobs");
	}

	TourOrigin origin() {
		return this.origin;
	}

	/**
	 * @return the gateway's HTTPS certificate, made for this run, and its authority
	 */
	TestCertificates certificates() {
		return this.certificates;
	}

	String kafka() {
		return this.kafka.bootstrapServers();
	}

	private void add(String name, List<String> launch, int port, List<String> arguments) {
		this.apps.put(name, new AppProcess(name, launch, port, this.logs, arguments));
	}

	private List<String> jar(String module, String classifier) {
		return this.launch.command(module, classifier);
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.apps.values().parallelStream().forEach(AppProcess::stop);
		this.redis.values().forEach(RedisProcess::kill);
		this.kafka.close();
		this.origin.close();
	}

}
