package dev.ddspatterns.testsupport.etcd;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real three-member etcd cluster keeps serving with one member down, not with two. */
class EtcdServersIntegrationTests {

	@RegisterExtension
	static final EtcdServers etcd = EtcdServers.cluster(3);

	@Test
	void threeMembersKeepAQuorumWithOneKilledAndLoseItWithTwo() {
		assertThat(etcd.endpoints()).hasSize(3).allMatch((endpoint) -> endpoint.startsWith("http://127.0.0.1:"));
		assertThat(etcd.members()).allMatch(EtcdMember::isHealthy);

		etcd.member(0).kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> etcd.member(1).isHealthy() && etcd.member(2).isHealthy());
		etcd.member(1).kill();
		await().atMost(Duration.ofSeconds(10)).until(() -> !etcd.member(2).isHealthy());

		etcd.member(0).restart();
		await().atMost(Duration.ofSeconds(10)).until(() -> etcd.member(0).isHealthy() && etcd.member(2).isHealthy());
	}

}
