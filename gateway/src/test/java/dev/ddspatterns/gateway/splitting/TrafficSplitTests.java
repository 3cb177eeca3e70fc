package dev.ddspatterns.gateway.splitting;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The split as a function: its shares, its stickiness, and what happens when an
 * experiment is ramped up or a second one starts.
 */
class TrafficSplitTests {

	static final int USERS = 10_000;

	final TrafficSplit ninetyTen = new TrafficSplit("search-v2", Map.of("v1", 90, "v2", 10));

	@Test
	void tenThousandUsersSplitNinetyTen() {
		long inV2 = users().filter((user) -> this.ninetyTen.variantFor(user).equals("v2")).count();
		// Binomial spread at 10,000 users and p = 0.1: 0.3 points; 2 points is 6 sigma.
		assertThat(inV2 / (double) USERS).isCloseTo(0.10, within(0.02));
	}

	@Test
	void aUsersVariantIsAPureFunctionOfTheExperimentTheWeightsAndTheUser() {
		Map<String, Integer> reversed = new LinkedHashMap<>();
		reversed.put("v2", 10);
		reversed.put("v1", 90);
		TrafficSplit restarted = new TrafficSplit("search-v2", reversed);
		assertThat(users())
			.allSatisfy((user) -> assertThat(restarted.variantFor(user)).isEqualTo(this.ninetyTen.variantFor(user)));
		// Pinned, like the sharding module's answers: a change of hash or of key format
		// would move users between variants in the middle of an experiment.
		assertThat(this.ninetyTen.variantFor("key:alice")).isEqualTo("v1");
		assertThat(this.ninetyTen.variantFor("user:bob")).isEqualTo("v2");
		assertThat(this.ninetyTen.variantFor("ip:127.0.0.1")).isEqualTo("v1");
	}

	@Test
	void rampingUpAnExperimentOnlyAddsUsersToIt() {
		TrafficSplit eightyTwenty = new TrafficSplit("search-v2", Map.of("v1", 80, "v2", 20));
		assertThat(users().filter((user) -> this.ninetyTen.variantFor(user).equals("v2")))
			.allSatisfy((user) -> assertThat(eightyTwenty.variantFor(user)).isEqualTo("v2"));
		long inV2 = users().filter((user) -> eightyTwenty.variantFor(user).equals("v2")).count();
		assertThat(inV2 / (double) USERS).isCloseTo(0.20, within(0.02));
	}

	@Test
	void eachExperimentDrawsItsOwnUsers() {
		TrafficSplit other = new TrafficSplit("ranking-v3", Map.of("v1", 90, "v2", 10));
		long inBoth = users().filter((user) -> this.ninetyTen.variantFor(user).equals("v2"))
			.filter((user) -> other.variantFor(user).equals("v2"))
			.count();
		// Independent draws put 1% of users in both; the same draw would put 10%.
		assertThat(inBoth / (double) USERS).isCloseTo(0.01, within(0.005));
	}

	private static Stream<String> users() {
		return IntStream.range(0, USERS).mapToObj((i) -> "key:user-" + i);
	}

}
