package dev.ddspatterns.thumbnailer.blobs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JobBlobs}.
 */
class JobBlobsTests {

	@Test
	void everyBlobOfAJobIsUnderItsPrefixesAndNamesItsJob() {
		String id = "0b6e1d2c-3f4a-4b5c-8d9e-0f1a2b3c4d5e";
		assertThat(JobBlobs.prefixes(id)).containsExactly("jobs/" + id + "/", "incoming/" + id);
		for (String key : new String[] { JobBlobs.source(id), JobBlobs.incoming(id), JobBlobs.thumbnail(id, 7, "png"),
				JobBlobs.contactSheet(id, "jpg") }) {
			assertThat(JobBlobs.prefixes(id)).anyMatch(key::startsWith);
			assertThat(JobBlobs.jobOf(key)).as(key).contains(id);
		}
		assertThat(JobBlobs.thumbnail(id, 7, "png")).endsWith("/thumbs/00007.png");
	}

	@Test
	void otherKeysBelongToNoJob() {
		assertThat(JobBlobs.jobOf("jobs/")).isEmpty();
		assertThat(JobBlobs.jobOf("jobs/abc/")).isEmpty();
		assertThat(JobBlobs.jobOf("elsewhere/abc")).isEmpty();
	}

}
