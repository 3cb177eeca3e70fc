package dev.ddspatterns.thumbnailer.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.management.ThreadMXBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter's probe on any bytes a client uploads: a source is accepted as the format
 * its magic bytes name, with a size within the pixel limits (and a length, for a video),
 * or refused with a reason that does not show where the server keeps it. Never another
 * exception, which would fail the stage instead of the job; and, reading headers only,
 * the probe takes little heap whatever size a header claims. The input is the source
 * file; the seeds are tiny images and videos of every accepted format.
 */
class MediaProbeFuzzTests {

	/** The production limits: 40 megapixels for an image, 4K for a video's frames. */
	private static final long MAX_PIXELS = 40_000_000;

	private static final long MAX_VIDEO_PIXELS = 8_294_400;

	/**
	 * The heap one probe may allocate: headers are small, so this is far below what
	 * decoding a picture at the limits would take (160 MB for 40 megapixels at four bytes
	 * each), yet generous for the readers' own buffers.
	 */
	private static final long MAX_PROBE_HEAP = 16L * 1024 * 1024;

	private static final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

	private static final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();

	private static final Path source = temporaryFile();

	private static final MediaProbe probe = new MediaProbe(MAX_PIXELS, MAX_VIDEO_PIXELS, new VideoFrames());

	@FuzzTest
	void anySourceIsAcceptedWithinTheLimitsOrRefusedWithAReason(byte[] input) throws IOException {
		Files.write(source, input);
		long classesBefore = classes.getTotalLoadedClassCount();
		long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
		try {
			MediaProbe.Probed probed = probe.probe(source, null);

			assertThat(probed.format()).isEqualTo(MediaFormat.sniff(Arrays.copyOf(input, 16)).orElseThrow());
			assertThat(probed.width()).isPositive();
			assertThat(probed.height()).isPositive();
			boolean video = probed.format().kind() == MediaFormat.Kind.VIDEO;
			assertThat((long) probed.width() * probed.height())
				.isLessThanOrEqualTo(video ? MAX_VIDEO_PIXELS : MAX_PIXELS);
			if (video) {
				assertThat(probed.durationMicros()).isPositive();
			}
			else {
				assertThat(probed.durationMicros()).isZero();
			}
		}
		catch (RejectedMediaException refused) {
			assertThat(refused.getMessage()).isNotBlank().doesNotContain(source.getParent().toString());
		}
		long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
		// Loading (and instrumenting) a reader's classes the first time allocates far
		// more than reading a header; it happens once, so only probes that load nothing
		// are held to the bound.
		if (classes.getTotalLoadedClassCount() == classesBefore) {
			assertThat(allocated).as("heap allocated by one probe").isLessThanOrEqualTo(MAX_PROBE_HEAP);
		}
	}

	private static Path temporaryFile() {
		try {
			Path file = Files.createTempFile("probe-fuzz", ".source");
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
