package dev.ddspatterns.gateway.ratelimit;

import java.util.List;

import dev.ddspatterns.gateway.ratelimit.RateLimitProperties.ApiKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

	/** The SHA-256 test vector of FIPS 180-2: the digest of "abc". */
	static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	private final ApiKeys keys = new ApiKeys(List.of(new ApiKey("alphabet", ABC_SHA256.toUpperCase()),
			new ApiKey("another", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")));

	@Test
	void aRegisteredKeyIsKnownByTheNameItsDigestWasRegisteredUnder() {
		assertThat(this.keys.nameOf("abc")).contains("alphabet");
	}

	@Test
	void anyOtherKeyIsUnknown() {
		assertThat(this.keys.nameOf("abd")).isEmpty();
		assertThat(this.keys.nameOf("ABC")).isEmpty();
		assertThat(this.keys.nameOf(ABC_SHA256)).as("the digest itself is not a key").isEmpty();
	}

	@Test
	void noKeysRegisteredMeansEveryKeyIsUnknown() {
		assertThat(new ApiKeys(List.of()).nameOf("abc")).isEmpty();
	}

}
