package dev.ddspatterns.search.root;

/**
 * Caps the extra load hedging adds. Every first request earns a fraction of a token,
 * every hedge spends a whole one, so hedges stay below that fraction of leaf requests
 * even when a whole shard turns slow — the moment when unbounded hedging would double the
 * load on leaves that are already struggling.
 */
final class HedgeBudget {

	/** The burst of hedges a full budget allows, and the most it can save up. */
	static final double MAX_TOKENS = 10;

	private final double earnedPerRequest;

	private double tokens = MAX_TOKENS;

	HedgeBudget(double fraction) {
		this.earnedPerRequest = fraction;
	}

	synchronized void requestSent() {
		this.tokens = Math.min(MAX_TOKENS, this.tokens + this.earnedPerRequest);
	}

	synchronized boolean tryHedge() {
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
