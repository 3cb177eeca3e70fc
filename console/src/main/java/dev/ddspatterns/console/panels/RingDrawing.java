package dev.ddspatterns.console.panels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ddspatterns.sharding.ConsistentHashRing;
import dev.ddspatterns.sharding.ShardSelector;
import org.jspecify.annotations.Nullable;

/**
 * The cache's consistent-hash ring as a drawing: the ring's hash space cut into equal
 * slices, each asked of the suite's own {@link ConsistentHashRing} (the one the
 * cache-service routes with), so the arcs show each shard's true share. During a
 * migration each slice is also asked of the ring before it: a slice whose owner changed
 * is where keys are moving.
 */
public final class RingDrawing {

	/** Slices of the hash space: half a degree each, finer than the eye sees. */
	static final int SLICES = 720;

	private RingDrawing() {
	}

	/**
	 * A run of slices with one owner (and one previous owner).
	 *
	 * @param from where the arc starts, as a fraction of the ring (0 at the top)
	 * @param to where it ends
	 * @param owner the shard that owns its keys
	 * @param previous the shard that owned them before the migration under way, if
	 * another
	 */
	public record Arc(double from, double to, String owner, @Nullable String previous) {

		/**
		 * @return whether keys are moving in this arc
		 */
		public boolean moving() {
			return this.previous != null;
		}

	}

	/**
	 * @param ring the shards in the ring now
	 * @param previousRing the shards in the ring before the migration under way, or empty
	 * @return the arcs, around the ring in order; none for an empty ring
	 */
	public static List<Arc> draw(List<String> ring, List<String> previousRing) {
		if (ring.isEmpty()) {
			return List.of();
		}
		ShardSelector now = ConsistentHashRing.of(ring);
		ShardSelector before = previousRing.isEmpty() ? null : ConsistentHashRing.of(previousRing);
		List<Arc> arcs = new ArrayList<>();
		long step = Long.divideUnsigned(-1L, SLICES) + 1;
		for (int slice = 0; slice < SLICES; slice++) {
			long hash = Long.MIN_VALUE + slice * step;
			String owner = now.nodeForHash(hash);
			String previous = (before != null) ? before.nodeForHash(hash) : null;
			String moving = (previous != null && !previous.equals(owner)) ? previous : null;
			double from = (double) slice / SLICES;
			double to = (double) (slice + 1) / SLICES;
			Arc last = arcs.isEmpty() ? null : arcs.getLast();
			if (last != null && last.owner().equals(owner) && Objects.equals(last.previous(), moving)) {
				arcs.set(arcs.size() - 1, new Arc(last.from(), to, owner, moving));
			}
			else {
				arcs.add(new Arc(from, to, owner, moving));
			}
		}
		return List.copyOf(arcs);
	}

}
