package dev.ddspatterns.thumbnailer.media;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecodePlanTests {

	@Test
	void aLargePhotoIsDecodedAtAStepThatKeepsAtLeastTheThumbnail() {
		// 6000x4000 into 320x180: the centred 6000x3375 region, every 18th pixel.
		DecodePlan plan = DecodePlan.of(6000, 4000, 320, 180);
		assertThat(plan).isEqualTo(new DecodePlan(0, 312, 6000, 3375, 18));
		assertThat(plan.decodedWidth()).isEqualTo(334);
		assertThat(plan.decodedHeight()).isEqualTo(188);
	}

	@Test
	void aSourceSmallerThanTheBoxIsDecodedWhole() {
		assertThat(DecodePlan.of(100, 100, 320, 180)).isEqualTo(new DecodePlan(0, 22, 100, 56, 1));
	}

	@Test
	void aQuarterTurnSwapsTheAxes() {
		assertThat(DecodePlan.of(4000, 6000, 180, 320).transposed()).isEqualTo(DecodePlan.of(6000, 4000, 320, 180));
	}

	@Test
	void theDecodedPictureIsBoundedByTheThumbnailWhateverTheSource() {
		Random random = new Random(7);
		for (int i = 0; i < 200_000; i++) {
			int sourceWidth = 1 + random.nextInt(random.nextBoolean() ? 100_000 : 5_000);
			int sourceHeight = 1 + random.nextInt(random.nextBoolean() ? 100_000 : 5_000);
			int width = 16 + random.nextInt(2048 - 16 + 1);
			int height = 16 + random.nextInt(2048 - 16 + 1);
			DecodePlan plan = DecodePlan.of(sourceWidth, sourceHeight, width, height);
			String at = "%dx%d into %dx%d: %s".formatted(sourceWidth, sourceHeight, width, height, plan);

			assertThat(plan.x()).as(at).isBetween(0, sourceWidth - plan.regionWidth());
			assertThat(plan.y()).as(at).isBetween(0, sourceHeight - plan.regionHeight());
			// Twice the box in each direction, plus what integer proportions round off.
			assertThat(plan.decodedWidth()).as(at).isLessThanOrEqualTo(2 * width + ceilDiv(width, height));
			assertThat(plan.decodedHeight()).as(at).isLessThanOrEqualTo(2 * height + ceilDiv(height, width));
			// And never less than the thumbnail where the source has it.
			assertThat(plan.decodedWidth()).as(at).isGreaterThanOrEqualTo(Math.min(width, plan.regionWidth()));
			assertThat(plan.decodedHeight()).as(at).isGreaterThanOrEqualTo(Math.min(height, plan.regionHeight()));
			// The region has the box's proportions, to a pixel, or is the whole source.
			if (plan.regionWidth() < sourceWidth) {
				assertThat(Math.abs((long) plan.regionWidth() * height - (long) plan.regionHeight() * width)).as(at)
					.isLessThanOrEqualTo(height);
			}
			if (plan.regionHeight() < sourceHeight) {
				assertThat(Math.abs((long) plan.regionHeight() * width - (long) plan.regionWidth() * height)).as(at)
					.isLessThanOrEqualTo(width);
			}
		}
	}

	private static int ceilDiv(int value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

}
