package dev.ddspatterns.election.lease;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in etcd, the consensus store the book builds its election on. A lease is a key,
 * {@code election/<name>/lease}, holding the holder's id and attached to an etcd lease
 * whose ttl etcd counts down and a keep-alive restarts; when it runs out, etcd deletes
 * the key. Taking it is a transaction that puts the key only if it does not exist (or
 * still has the revision the candidate knows), and the fencing token is the revision etcd
 * gave that write: revisions only grow, are agreed by a quorum through Raft and are on
 * disk before the answer, so no lost member, restart or new etcd leader can hand out a
 * smaller one. Releases and expiries are deletes, which a watch sees at once.
 *
 * <p>
 * etcd counts ttls in whole seconds, and raises one below its minimum (two seconds with
 * the default election timeout) to that minimum: a longer lease on the store's side only.
 */
public class EtcdLeases implements LeaseStore {

	private static final Logger logger = LoggerFactory.getLogger(EtcdLeases.class);

	private static final String ROOT = "election/";

	private final Client client;

	private final long ttlSeconds;

	private final Duration timeout;

	private final Clock clock;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private volatile Watch.@Nullable Watcher watcher;

	/**
	 * @param client the etcd client
	 * @param ttl every lease's ttl, whole seconds
	 * @param timeout how long a call may take before its outcome counts as unknown
	 * @param clock the wall clock, for a term's "since"
	 */
	public EtcdLeases(Client client, Duration ttl, Duration timeout, Clock clock) {
		if (ttl.toMillis() % 1000 != 0) {
			throw new IllegalArgumentException("etcd counts lease ttls in whole seconds, not " + ttl);
		}
		this.client = client;
		this.ttlSeconds = ttl.toSeconds();
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * @param name a lease's name
	 * @param part {@code lease} (the holder's id) or {@code since}
	 * @return the etcd key of that part
	 */
	public static String key(String name, String part) {
		return ROOT + name + "/" + part;
	}

	@Override
	public Acquisition acquire(String lease, String candidate, long known) {
		KeyValue held = get(key(lease, "lease"));
		if (held != null && !text(held.getValue()).equals(candidate)) {
			return new Acquisition.Held(held.getModRevision());
		}
		if (held != null && held.getModRevision() != known) {
			// Ours in a term we never learned of: learn it.
			call(this.client.getLeaseClient().keepAliveOnce(held.getLease()));
			return new Acquisition.Won(held.getModRevision());
		}
		// Free, or ours in the term we know and gave up on: a new term, if nobody got
		// there first.
		long id = call(this.client.getLeaseClient().grant(this.ttlSeconds)).getID();
		Cmp unchanged = (held != null) ? new Cmp(bytes(key(lease, "lease")), Cmp.Op.EQUAL, CmpTarget.modRevision(known))
				: new Cmp(bytes(key(lease, "lease")), Cmp.Op.EQUAL, CmpTarget.createRevision(0));
		PutOption attached = PutOption.builder().withLeaseId(id).build();
		TxnResponse answer = call(this.client.getKVClient()
			.txn()
			.If(unchanged)
			.Then(Op.put(bytes(key(lease, "lease")), bytes(candidate), attached),
					Op.put(bytes(key(lease, "since")), bytes(Long.toString(this.clock.millis())), attached))
			.Else(Op.get(bytes(key(lease, "lease")), GetOption.DEFAULT))
			.commit());
		if (held != null) {
			this.client.getLeaseClient().revoke(held.getLease());
		}
		if (answer.isSucceeded()) {
			return new Acquisition.Won(answer.getHeader().getRevision());
		}
		this.client.getLeaseClient().revoke(id);
		List<KeyValue> now = answer.getGetResponses().get(0).getKvs();
		return new Acquisition.Held(now.isEmpty() ? 0 : now.get(0).getModRevision());
	}

	@Override
	public boolean renew(String lease, String holder) {
		KeyValue held = get(key(lease, "lease"));
		if (held == null || !text(held.getValue()).equals(holder)) {
			return false;
		}
		try {
			return call(this.client.getLeaseClient().keepAliveOnce(held.getLease())).getTTL() > 0;
		}
		catch (EtcdException ex) {
			if (ex.getErrorCode() == ErrorCode.NOT_FOUND) {
				// Expired between the read and the keep-alive.
				return false;
			}
			throw ex;
		}
	}

	@Override
	public boolean release(String lease, String holder) {
		TxnResponse answer = call(this.client.getKVClient()
			.txn()
			.If(new Cmp(bytes(key(lease, "lease")), Cmp.Op.EQUAL, CmpTarget.value(bytes(holder))))
			.Then(Op.delete(bytes(key(lease, "")), DeleteOption.builder().isPrefix(true).build()))
			.commit());
		return answer.isSucceeded();
	}

	@Override
	public Duration remaining(String lease) {
		KeyValue held = get(key(lease, "lease"));
		if (held == null) {
			return Duration.ZERO;
		}
		long seconds = call(
				this.client.getLeaseClient().timeToLive(held.getLease(), io.etcd.jetcd.options.LeaseOption.DEFAULT))
			.getTTL();
		return (seconds > 0) ? Duration.ofSeconds(seconds) : Duration.ZERO;
	}

	@Override
	public Optional<LeaseTerm> current(String lease) {
		List<KeyValue> parts = call(
				this.client.getKVClient().get(bytes(key(lease, "")), GetOption.builder().isPrefix(true).build()))
			.getKvs();
		KeyValue held = find(parts, key(lease, "lease"));
		KeyValue since = find(parts, key(lease, "since"));
		if (held == null) {
			return Optional.empty();
		}
		Instant started = (since != null && since.getModRevision() == held.getModRevision())
				? Instant.ofEpochMilli(Long.parseLong(text(since.getValue()))) : Instant.EPOCH;
		return Optional.of(new LeaseTerm(text(held.getValue()), held.getModRevision(),
				this.clock.instant().plus(remaining(lease)), started));
	}

	@Override
	public void onRelease(String prefix, Runnable action) {
		this.listeners.add(new Listener(ROOT + prefix, action));
	}

	@Override
	public synchronized void watch() {
		if (this.watcher != null) {
			return;
		}
		try {
			this.watcher = this.client.getWatchClient()
				.watch(bytes(ROOT), WatchOption.builder().isPrefix(true).withNoPut(true).build(),
						Watch.listener(this::deleted, this::failed));
		}
		catch (RuntimeException ex) {
			logger.debug("Not watching lease releases yet: {}", ex.getMessage());
		}
	}

	private void deleted(WatchResponse response) {
		for (WatchEvent event : response.getEvents()) {
			String key = text(event.getKeyValue().getKey());
			if (event.getEventType() == WatchEvent.EventType.DELETE && key.endsWith("/lease")) {
				this.listeners.stream().filter((listener) -> key.startsWith(listener.prefix())).forEach((listener) -> {
					listener.action().run();
				});
			}
		}
	}

	private void failed(Throwable ex) {
		logger.debug("The watch of lease releases ended: {}", ex.getMessage());
		synchronized (this) {
			this.watcher = null;
		}
	}

	/** Stops watching. */
	public synchronized void close() {
		Watch.Watcher current = this.watcher;
		this.watcher = null;
		if (current != null) {
			current.close();
		}
	}

	private @Nullable KeyValue get(String key) {
		List<KeyValue> found = call(this.client.getKVClient().get(bytes(key))).getKvs();
		return found.isEmpty() ? null : found.get(0);
	}

	private static @Nullable KeyValue find(List<KeyValue> parts, String key) {
		return parts.stream().filter((part) -> text(part.getKey()).equals(key)).findFirst().orElse(null);
	}

	/**
	 * Waits for a call's answer, at most the timeout. A call that gives up may still be
	 * done by etcd: the caller reads the exception as an unknown outcome.
	 */
	private <T> T call(CompletableFuture<T> call) {
		try {
			return call.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			call.cancel(false);
			throw new IllegalStateException("etcd did not answer within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for etcd", ex);
		}
	}

	private static ByteSequence bytes(String text) {
		return ByteSequence.from(text, StandardCharsets.UTF_8);
	}

	private static String text(ByteSequence bytes) {
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private record Listener(String prefix, Runnable action) {

	}

}
