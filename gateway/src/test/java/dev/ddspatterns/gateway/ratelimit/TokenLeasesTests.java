package dev.ddspatterns.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.ddspatterns.gateway.ratelimit.TokenLeases.Local;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenLeasesTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final TokenLeases leases = new TokenLeases(Duration.ofSeconds(1), 3, this.now::get);

	@Test
	void withNothingHeldTheBucketIsAsked() {
		assertThat(this.leases.spend("a", 1)).isEqualTo(Local.ASK);
	}

	@Test
	void aLeaseIsSpentHereTokenByTokenThenTheBucketIsAskedAgain() {
		this.leases.granted("a", 3, 40);
		assertThat(this.leases.spend("a", 1)).isEqualTo(new Local.Spent(42));
		assertThat(this.leases.spend("a", 2)).isEqualTo(new Local.Spent(40));
		assertThat(this.leases.spend("a", 1)).as("all 3 spent").isEqualTo(Local.ASK);
		assertThat(this.leases.spend("b", 1)).as("another caller's bucket").isEqualTo(Local.ASK);
	}

	@Test
	void aRequestDearerThanWhatIsLeftAsksTheBucket() {
		this.leases.granted("a", 3, 0);
		assertThat(this.leases.spend("a", 5)).isEqualTo(Local.ASK);
		assertThat(this.leases.spend("a", 3)).as("the lease was not touched").isEqualTo(new Local.Spent(0));
	}

	@Test
	void unspentTokensExpireWithTheLease() {
		this.leases.granted("a", 5, 0);
		advance(Duration.ofMillis(999));
		assertThat(this.leases.spend("a", 1)).isEqualTo(new Local.Spent(4));
		advance(Duration.ofMillis(1));
		assertThat(this.leases.spend("a", 1)).isEqualTo(Local.ASK);
	}

	@Test
	void aRefusalHoldsUntilTheBucketCanHaveEnoughForRequestsThatCostAsMuchOrMore() {
		this.leases.refused("a", 10, Duration.ofSeconds(3));
		advance(Duration.ofSeconds(1));
		assertThat(this.leases.spend("a", 10)).isEqualTo(new Local.Refused(Duration.ofSeconds(2)));
		assertThat(this.leases.spend("a", 20)).isEqualTo(new Local.Refused(Duration.ofSeconds(2)));
		assertThat(this.leases.spend("a", 1)).as("a cheaper request may find enough").isEqualTo(Local.ASK);
		advance(Duration.ofSeconds(2));
		assertThat(this.leases.spend("a", 10)).isEqualTo(Local.ASK);
	}

	@Test
	void aRefusalOfADearRequestKeepsALiveLeaseForCheapOnes() {
		this.leases.granted("a", 2, 0);
		this.leases.refused("a", 10, Duration.ofSeconds(5));
		assertThat(this.leases.spend("a", 1)).isEqualTo(new Local.Spent(1));
	}

	@Test
	void aGrantAfterARefusalReplacesIt() {
		this.leases.refused("a", 1, Duration.ofSeconds(5));
		this.leases.granted("a", 4, 0);
		assertThat(this.leases.spend("a", 1)).isEqualTo(new Local.Spent(3));
	}

	@Test
	void atMostMaxBucketsAreKeptAndLosingOneOnlyLosesItsTokens() {
		for (String bucket : new String[] { "a", "b", "c", "d", "e" }) {
			this.leases.granted(bucket, 5, 0);
		}
		long kept = Stream.of("a", "b", "c", "d", "e")
			.filter((bucket) -> this.leases.spend(bucket, 1) instanceof Local.Spent)
			.count();
		assertThat(kept).as("Caffeine keeps the most useful, at most 3").isBetween(1L, 3L);
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
