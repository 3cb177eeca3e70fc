package dev.ddspatterns.thumbnailer.media;

import java.util.concurrent.Semaphore;

/**
 * The heap the pictures of one instance may take at once, shared by every stage that
 * holds pixels (image workers, frame workers, the reduce). Each piece of work reserves
 * its worst case before it decodes anything and gives it back when it is done, so the
 * heap pictures take is bounded by this budget however many consumer threads run and
 * whatever the jobs ask for: large thumbnails wait their turn, small ones run side by
 * side. A piece of work larger than the whole budget reserves all of it and runs alone.
 * <p>
 * The worst cases are upper bounds in bytes, from the sizes the limits allow, not
 * measurements: a decoded picture is under twice the thumbnail per side
 * ({@link DecodePlan}), pixels take at most 4 bytes, and the resize and the encoder each
 * hold at most one more picture of the thumbnail's size.
 */
public final class PictureMemory {

	private static final int KIB = 1024;

	private final Semaphore kibibytes;

	private final int total;

	/**
	 * @param bytes the budget
	 */
	public PictureMemory(long bytes) {
		this.total = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / KIB));
		this.kibibytes = new Semaphore(this.total, true);
	}

	/**
	 * @param width thumbnail width
	 * @param height thumbnail height
	 * @return worst case of an image: the decoded region (under {@code 2w × 2h} pixels),
	 * the resized picture and the encoder's copy
	 */
	public static long ofImage(int width, int height) {
		return 24L * width * height;
	}

	/**
	 * @param width thumbnail width
	 * @param height thumbnail height
	 * @return worst case of a video frame: FFmpeg scales it in native memory, so the heap
	 * holds the frame at the thumbnail's size, its resized copy and the encoder's
	 */
	public static long ofFrame(int width, int height) {
		return 12L * width * height;
	}

	/**
	 * @param width thumbnail width
	 * @param height thumbnail height
	 * @param sheetPixels the contact sheet's size
	 * @return worst case of the reduce: one decoded thumbnail and its scaled cell, and
	 * the sheet
	 */
	public static long ofReduce(int width, int height, long sheetPixels) {
		return 8L * width * height + 4L * sheetPixels;
	}

	/**
	 * Waits until the bytes are free and holds them.
	 * @param bytes the work's worst case
	 * @return the reservation, to close when the pixels are released
	 * @throws IllegalStateException if the thread is interrupted while waiting (the
	 * record is then redelivered)
	 */
	public Reservation reserve(long bytes) {
		int permits = (int) Math.min(this.total, Math.max(1, (bytes + KIB - 1) / KIB));
		try {
			this.kibibytes.acquire(permits);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for picture memory", ex);
		}
		return new Reservation(this.kibibytes, permits);
	}

	/**
	 * @return bytes held now by running work
	 */
	public long reservedBytes() {
		return (long) (this.total - this.kibibytes.availablePermits()) * KIB;
	}

	/**
	 * @return pieces of work waiting for memory now
	 */
	public int waiting() {
		return this.kibibytes.getQueueLength();
	}

	/**
	 * @return the budget in bytes
	 */
	public long budgetBytes() {
		return (long) this.total * KIB;
	}

	/** Held picture memory, given back on {@link #close()}, once. */
	public static final class Reservation implements AutoCloseable {

		private final Semaphore kibibytes;

		private int permits;

		private Reservation(Semaphore kibibytes, int permits) {
			this.kibibytes = kibibytes;
			this.permits = permits;
		}

		@Override
		public void close() {
			this.kibibytes.release(this.permits);
			this.permits = 0;
		}

	}

}
