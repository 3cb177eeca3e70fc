package dev.ddspatterns.election;

import java.util.List;
import java.util.Locale;

import dev.ddspatterns.election.ElectionProperties.Store;
import dev.ddspatterns.testsupport.etcd.EtcdServers;

/** The properties that put a replica's leases in one store or the other. */
final class StoreSelection {

	private StoreSelection() {
	}

	/**
	 * @param store where the leases go
	 * @param etcd the etcd servers to use when that is etcd (not started otherwise)
	 * @return {@code suite.election.store}, and for etcd its endpoints
	 */
	static List<String> properties(Store store, EtcdServers etcd) {
		String selected = "suite.election.store=" + store.name().toLowerCase(Locale.ROOT);
		return (store == Store.ETCD)
				? List.of(selected, "suite.election.etcd.endpoints=" + String.join(",", etcd.endpoints()))
				: List.of(selected);
	}

}
