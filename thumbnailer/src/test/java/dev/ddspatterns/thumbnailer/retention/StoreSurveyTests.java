package dev.ddspatterns.thumbnailer.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.ddspatterns.thumbnailer.blobs.StoredBlob;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSurveyTests {

	private static final Duration RETENTION = Duration.ofDays(7);

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void aJobExpiresOnceItsNewestBlobIsARetentionOld() {
		Instant now = this.clock.instant();
		List<StoredBlob> blobs = List.of(blob("jobs/old/source", RETENTION.plusSeconds(60)),
				blob("jobs/old/thumbs/00000.jpg", RETENTION), blob("jobs/recent/source", RETENTION.plusDays(1)),
				blob("jobs/recent/contact-sheet.jpg", RETENTION.minusSeconds(1)));

		assertThat(StoreSurvey.of(blobs, now, RETENTION).expired()).containsExactly("old");
	}

	@Test
	void anUploadLeftInIncomingExpiresWithItsJob() {
		List<StoredBlob> blobs = List.of(blob("incoming/lost", RETENTION), blob("incoming/arriving", Duration.ZERO));

		assertThat(StoreSurvey.of(blobs, this.clock.instant(), RETENTION).expired()).containsExactly("lost");
	}

	@Test
	void everyBlobCountsButOnlyJobsExpire() {
		List<StoredBlob> blobs = List.of(new StoredBlob("jobs/a/source", 1000, this.clock.instant()),
				new StoredBlob("jobs/a/thumbs/00000.jpg.123.partial", 20, this.clock.instant()),
				new StoredBlob("notes.txt", 3, Instant.EPOCH), new StoredBlob("jobs/stray", 4, Instant.EPOCH));

		StoreSurvey survey = StoreSurvey.of(blobs, this.clock.instant(), RETENTION);

		assertThat(survey.bytes()).isEqualTo(1027);
		assertThat(survey.expired()).isEmpty();
	}

	private StoredBlob blob(String key, Duration age) {
		return new StoredBlob(key, 1, this.clock.instant().minus(age));
	}

}
