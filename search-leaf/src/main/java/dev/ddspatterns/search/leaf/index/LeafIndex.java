package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shard's current index, swapped atomically on reload without downtime.
 *
 * <p>
 * A request leases the current snapshot (Lucene's reader reference count), so a reload
 * never closes a reader under a search: the old reader closes when the last request that
 * leased it is done. A request sees either the old snapshot or the new one, never a
 * half-built index, because a snapshot is published only once it is complete.
 */
public final class LeafIndex implements AutoCloseable {

	private final AtomicReference<IndexSnapshot> current = new AtomicReference<>();

	LeafIndex() {
	}

	/**
	 * @return the current snapshot, held open until the lease is closed; empty until the
	 * first load
	 */
	public Optional<Lease> acquire() {
		while (true) {
			IndexSnapshot snapshot = this.current.get();
			if (snapshot == null) {
				return Optional.empty();
			}
			if (snapshot.reader().tryIncRef()) {
				return Optional.of(new Lease(snapshot));
			}
			// A reload retired and closed this snapshot between the two reads: the next
			// read sees its successor.
		}
	}

	/**
	 * @return the current snapshot's description, for status only: its reader may be
	 * closed at any moment, so search through {@link #acquire()}
	 */
	public Optional<IndexSnapshot> current() {
		return Optional.ofNullable(this.current.get());
	}

	void publish(IndexSnapshot next) {
		retire(this.current.getAndSet(next));
	}

	@Override
	public void close() {
		retire(this.current.getAndSet(null));
	}

	private static void retire(IndexSnapshot snapshot) {
		if (snapshot != null) {
			release(snapshot);
		}
	}

	private static void release(IndexSnapshot snapshot) {
		try {
			snapshot.reader().decRef();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A snapshot held open for one request; close it when the request is done. */
	public static final class Lease implements AutoCloseable {

		private final IndexSnapshot snapshot;

		private boolean released;

		private Lease(IndexSnapshot snapshot) {
			this.snapshot = snapshot;
		}

		public IndexSnapshot snapshot() {
			return this.snapshot;
		}

		@Override
		public void close() {
			if (!this.released) {
				this.released = true;
				release(this.snapshot);
			}
		}

	}

}
