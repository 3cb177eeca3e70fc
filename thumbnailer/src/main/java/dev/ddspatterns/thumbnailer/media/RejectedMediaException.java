package dev.ddspatterns.thumbnailer.media;

/**
 * A source the thumbnailer cannot make thumbnails of; the message is the reason the job
 * reports, so it names the problem precisely and safely.
 */
public class RejectedMediaException extends RuntimeException {

	public RejectedMediaException(String reason) {
		super(reason);
	}

	public RejectedMediaException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
