package dev.ddspatterns.gateway.splitting;

import java.util.Map;

import dev.ddspatterns.sharding.RendezvousHashing;
import dev.ddspatterns.sharding.ShardNode;
import dev.ddspatterns.sharding.ShardSelector;

/**
 * Which variant of an experiment a user sees: a pure function of the experiment's name,
 * the variants' weights and the user's key. Every request of a user, every gateway
 * replica and every restart gets the same answer, and nothing is stored.
 *
 * <p>
 * The variants are the nodes of a weighted {@link RendezvousHashing}: each variant scores
 * the user, and a variant of weight 10 among weights that sum to 100 wins for 10% of
 * users, as exactly as the hash is uniform. Two consequences are worth knowing:
 * <ul>
 * <li>The key hashed is {@code experiment + ":" + user}. Without the experiment's name,
 * every experiment of weight 10 would draw the same 10% of users, and those users would
 * see every experiment at once while the others never see any. Renaming an experiment
 * therefore reshuffles its users.</li>
 * <li>Raising a variant's weight only improves that variant's scores, so ramping an
 * experiment from 10% to 20% keeps every user who already saw it and adds new ones; no
 * user flips back and forth while the experiment grows.</li>
 * </ul>
 */
final class TrafficSplit {

	private final String experiment;

	private final ShardSelector variants;

	/**
	 * @param experiment the experiment's name, part of every hashed key
	 * @param weights each variant's relative share of users, at least 1
	 */
	TrafficSplit(String experiment, Map<String, Integer> weights) {
		this.experiment = experiment;
		this.variants = RendezvousHashing.ofNodes(
				weights.entrySet().stream().map((entry) -> new ShardNode(entry.getKey(), entry.getValue())).toList());
	}

	/**
	 * @param user the user's key
	 * @return the variant this user sees
	 */
	String variantFor(String user) {
		return this.variants.nodeFor(this.experiment + ":" + user);
	}

}
