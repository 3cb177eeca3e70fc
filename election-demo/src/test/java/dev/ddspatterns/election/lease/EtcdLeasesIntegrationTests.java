package dev.ddspatterns.election.lease;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.testsupport.etcd.EtcdServers;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lease contract against a real single-member etcd. */
class EtcdLeasesIntegrationTests extends LeaseStoreContract {

	/** etcd's shortest: it raises anything below two seconds to two. */
	private static final Duration TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.single();

	private Client client;

	private EtcdLeases store;

	EtcdLeasesIntegrationTests() {
		super(TTL, () -> etcd.member(0).pause(), () -> etcd.member(0).resume());
	}

	@Override
	protected LeaseStore connect() throws Exception {
		this.client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build();
		// Connected before the test begins: the first call sets up the gRPC channel,
		// which
		// on a busy machine takes longer than a call may.
		this.client.getKVClient().get(ByteSequence.from("election/", StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
		this.store = new EtcdLeases(this.client, TTL, Duration.ofMillis(500), Clock.systemUTC());
		return this.store;
	}

	@AfterEach
	void disconnect() {
		this.store.close();
		this.client.close();
	}

}
