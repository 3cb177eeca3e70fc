package dev.ddspatterns.testsupport.etcd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.ddspatterns.testsupport.FreePorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd cluster for a test class: one member, or three that elect a leader among
 * themselves with Raft. Register it on a static field and hand {@link #endpoints()} to
 * the client:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final EtcdServers etcd = EtcdServers.cluster(3);
 * </pre>
 *
 * Every member can be killed, stopped, paused, resumed and restarted through its
 * {@link EtcdMember}; its data survives, as on a disk.
 */
public final class EtcdServers implements BeforeAllCallback, AfterAllCallback {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private final int size;

	private final List<EtcdMember> members = new ArrayList<>();

	private EtcdServers(int size) {
		if (size < 1) {
			throw new IllegalArgumentException("A cluster needs at least one member");
		}
		this.size = size;
	}

	/**
	 * @return a cluster of one member
	 */
	public static EtcdServers single() {
		return new EtcdServers(1);
	}

	/**
	 * @param size how many members, three or five for a quorum that survives a loss
	 * @return a cluster of that many members
	 */
	public static EtcdServers cluster(int size) {
		return new EtcdServers(size);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Starts every member and waits until each is healthy; {@link #beforeAll} does this.
	 */
	public synchronized void start() {
		if (!this.members.isEmpty()) {
			return;
		}
		try {
			for (int i = 0; i < this.size; i++) {
				this.members.add(new EtcdMember("etcd-" + i, FreePorts.next(), FreePorts.next()));
			}
			String initialCluster = this.members.stream().map(EtcdMember::peer).collect(Collectors.joining(","));
			String token = "test-" + UUID.randomUUID();
			this.members.forEach((member) -> member.launch(initialCluster, token));
			this.members.forEach((member) -> member.awaitHealthy(START_TIMEOUT));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** Kills every member this extension started. */
	public synchronized void close() {
		this.members.forEach(EtcdMember::kill);
		this.members.clear();
	}

	/**
	 * @return the members in order
	 */
	public synchronized List<EtcdMember> members() {
		if (this.members.isEmpty()) {
			throw new IllegalStateException(
					"etcd is not started: register EtcdServers with @RegisterExtension on a static field");
		}
		return List.copyOf(this.members);
	}

	/**
	 * @param index which member
	 * @return the member
	 */
	public EtcdMember member(int index) {
		return members().get(index);
	}

	/**
	 * @return every member's client endpoint, {@code http://127.0.0.1:port}
	 */
	public List<String> endpoints() {
		return members().stream().map(EtcdMember::endpoint).toList();
	}

}
