package dev.ddspatterns.thumbnailer.media;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Video decoding with FFmpeg through JavaCV: the length of a video for the splitter, and
 * one decoded frame at a timestamp for a frame worker. Each call opens the file afresh,
 * so any worker on any instance can take any frame.
 */
public final class VideoFrames {

	static {
		// FFmpeg prints every stream it opens to stderr; keep only its errors.
		avutil.av_log_set_level(avutil.AV_LOG_ERROR);
		FFmpegLogCallback.set();
	}

	/**
	 * Reads a video's header and its first frame.
	 * @param file the video
	 * @param format its sniffed format
	 * @return its size and length
	 * @throws RejectedMediaException if FFmpeg cannot decode it
	 */
	MediaProbe.Probed probe(Path file, MediaFormat format) {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
			grabber.start();
			if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
				throw new RejectedMediaException(format.mediaType() + " has no video stream");
			}
			if (grabber.grabImage() == null) {
				throw new RejectedMediaException(format.mediaType() + " has no decodable frame");
			}
			long length = grabber.getLengthInTime();
			if (length <= 0) {
				throw new RejectedMediaException(format.mediaType() + " has no duration");
			}
			return new MediaProbe.Probed(format, grabber.getImageWidth(), grabber.getImageHeight(), length);
		}
		catch (FrameGrabber.Exception ex) {
			throw new RejectedMediaException("corrupt " + format.mediaType() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Decodes the frame shown at a timestamp.
	 * @param file the video
	 * @param timestampMicros when, from the start
	 * @return the frame as an RGB image
	 */
	public BufferedImage frameAt(Path file, long timestampMicros) {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
				Java2DFrameConverter converter = new Java2DFrameConverter()) {
			grabber.start();
			grabber.setVideoTimestamp(timestampMicros);
			Frame frame = grabber.grabImage();
			if (frame == null) {
				throw new RejectedMediaException("no frame at " + timestampMicros / 1000 + " ms");
			}
			return copy(converter.convert(frame));
		}
		catch (FrameGrabber.Exception ex) {
			throw new RejectedMediaException("cannot decode the frame at " + timestampMicros / 1000 + " ms", ex);
		}
	}

	// The converter's image shares FFmpeg's buffer, which close() frees.
	private static BufferedImage copy(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		copy.getGraphics().drawImage(image, 0, 0, null);
		return copy;
	}

}
