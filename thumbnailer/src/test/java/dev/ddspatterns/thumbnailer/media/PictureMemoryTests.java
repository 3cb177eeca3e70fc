package dev.ddspatterns.thumbnailer.media;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PictureMemory}.
 */
class PictureMemoryTests {

	private static final long MIB = 1024 * 1024;

	@Test
	void reservationsHoldTheirBytesUntilClosedOnce() {
		PictureMemory memory = new PictureMemory(100 * MIB);
		PictureMemory.Reservation first = memory.reserve(30 * MIB);
		PictureMemory.Reservation second = memory.reserve(1);
		assertThat(memory.reservedBytes()).isEqualTo(30 * MIB + 1024);
		first.close();
		first.close();
		assertThat(memory.reservedBytes()).isEqualTo(1024);
		second.close();
		assertThat(memory.reservedBytes()).isZero();
	}

	@Test
	void workLargerThanTheBudgetRunsAloneInsteadOfWaitingForever() {
		PictureMemory memory = new PictureMemory(10 * MIB);
		try (PictureMemory.Reservation all = memory.reserve(50 * MIB)) {
			assertThat(memory.reservedBytes()).isEqualTo(memory.budgetBytes());
		}
		assertThat(memory.reservedBytes()).isZero();
	}

	@Test
	void workWaitsUntilTheBytesItNeedsAreFree() throws Exception {
		PictureMemory memory = new PictureMemory(100 * MIB);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			PictureMemory.Reservation held = memory.reserve(80 * MIB);
			CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
				try (PictureMemory.Reservation reservation = memory.reserve(40 * MIB)) {
					return memory.reservedBytes();
				}
			}, executor);
			await().atMost(Duration.ofSeconds(30)).until(() -> memory.waiting() == 1);
			assertThat(waiting).as("80 + 40 is over the budget while the first is held").isNotDone();
			held.close();
			assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(40 * MIB);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void worstCasesFollowTheThumbnailAndSheetSizes() {
		assertThat(PictureMemory.ofImage(2048, 2048)).isEqualTo(24L * 2048 * 2048);
		assertThat(PictureMemory.ofFrame(320, 180)).isEqualTo(12L * 320 * 180);
		assertThat(PictureMemory.ofReduce(2048, 2048, 8_000_000)).isEqualTo(8L * 2048 * 2048 + 32_000_000);
	}

}
