package dev.ddspatterns.election.lease;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the leases live, behind the few operations an election needs: take a lease with a
 * compare-and-swap that mints a fencing token, keep it alive, release it, read it, and
 * watch for releases. Redis ({@link RedisLeases}, one Lua script per operation) and etcd
 * ({@link EtcdLeases}, transactions on revisions) implement it; which one runs is
 * {@code suite.election.store}. Every lease shares the store's ttl.
 *
 * <p>
 * A call that fails throws: {@link Lease} reads that as an unknown outcome, since the
 * store may have done it all the same.
 */
public interface LeaseStore {

	/**
	 * Takes a lease if nobody holds it, starting a new term with a token higher than any
	 * before it. A lease the candidate holds already is taken again as a new term if it
	 * is in the term the candidate knows, and learned if it is in another one (minted by
	 * an attempt of the candidate's whose answer was lost).
	 * @param lease the lease's name
	 * @param candidate the replica's id
	 * @param known the token of the last term the candidate learned of, 0 if none
	 * @return {@link Acquisition.Won} or {@link Acquisition.Held}
	 */
	Acquisition acquire(String lease, String candidate, long known);

	/**
	 * @param lease the lease's name
	 * @param holder the replica's id
	 * @return whether the holder still held the lease and it now lives one ttl more
	 */
	boolean renew(String lease, String holder);

	/**
	 * @param lease the lease's name
	 * @param holder the replica's id
	 * @return whether the holder held the lease and gave it up
	 */
	boolean release(String lease, String holder);

	/**
	 * @param lease the lease's name
	 * @return how long its holder's lease still lives, zero if nobody holds it
	 */
	Duration remaining(String lease);

	/**
	 * @param lease the lease's name
	 * @return the lease as the store holds it, if anyone holds it
	 */
	Optional<LeaseTerm> current(String lease);

	/**
	 * @param prefix the start of the names of the leases to hear about, such as
	 * {@code leader} or {@code shard-}
	 * @param action what to do when one is released or expires; it runs on a client
	 * thread, so it should only hand work over
	 */
	void onRelease(String prefix, Runnable action);

	/**
	 * Starts watching for releases unless already watching. Only a shortcut for
	 * followers, so a failure is not thrown: the election loops call this on every step
	 * until it works.
	 */
	void watch();

}
