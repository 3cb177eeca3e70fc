package dev.ddspatterns.thumbnailer.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Video decoding with FFmpeg through JavaCV: the size and length of a video for the
 * filter, and one frame at a timestamp for a frame worker. Each call opens the file
 * afresh, so any worker on any instance can take any frame.
 * <p>
 * Memory: the probe refuses a video whose frames are over the pixel limit before it
 * decodes one, and a frame is turned upright, cropped and scaled to the thumbnail's size
 * by an FFmpeg filter graph, in native memory, before it becomes a Java image: the heap a
 * frame worker takes is set by the thumbnail's size, whatever the video's.
 */
public final class VideoFrames {

	private static final Pattern FFMPEG_ERROR_CODE = Pattern.compile("error (-\\d+)");

	private static final int AV_ERROR_MAX_STRING_SIZE = 64;

	static {
		// FFmpeg prints every stream it opens to stderr; keep only its errors.
		avutil.av_log_set_level(avutil.AV_LOG_ERROR);
		FFmpegLogCallback.set();
	}

	/**
	 * How a player turns a video's stored frames to show them, from the display matrix a
	 * phone writes (a portrait video is usually stored landscape).
	 */
	enum Turn {

		NONE(""), CLOCKWISE("transpose=clock,"), HALF("hflip,vflip,"), COUNTERCLOCKWISE("transpose=cclock,");

		private final String filter;

		Turn(String filter) {
			this.filter = filter;
		}

		/**
		 * @param displayRotation FFmpeg's display matrix rotation: degrees
		 * counterclockwise, as {@code av_display_rotation_get} answers
		 * @return the turn that shows the frame upright, to the nearest quarter
		 */
		static Turn ofDisplayRotation(double displayRotation) {
			if (Double.isNaN(displayRotation)) {
				return NONE;
			}
			long clockwise = Math.floorMod(Math.round(-displayRotation / 90.0), 4);
			return values()[(int) clockwise];
		}

		boolean quarter() {
			return this == CLOCKWISE || this == COUNTERCLOCKWISE;
		}

	}

	/**
	 * Reads a video's header and its first frame.
	 * @param file the video
	 * @param format its sniffed format
	 * @param maxPixels the most pixels a frame may have
	 * @return its size as shown and its length
	 * @throws RejectedMediaException if FFmpeg cannot decode it, or its frames are over
	 * the limit
	 */
	MediaProbe.Probed probe(Path file, MediaFormat format, long maxPixels) {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
			grabber.start();
			int width = grabber.getImageWidth();
			int height = grabber.getImageHeight();
			if (grabber.getVideoStream() < 0 || width <= 0 || height <= 0) {
				throw new RejectedMediaException(format.mediaType() + " has no video stream");
			}
			if ((long) width * height > maxPixels) {
				throw new RejectedMediaException(
						"video frames are " + width + "x" + height + ", more than " + maxPixels + " pixels");
			}
			if (grabber.grabImage() == null) {
				throw new RejectedMediaException(format.mediaType() + " has no decodable frame");
			}
			long length = grabber.getLengthInTime();
			if (length <= 0) {
				throw new RejectedMediaException(format.mediaType() + " has no duration");
			}
			boolean quarter = Turn.ofDisplayRotation(grabber.getDisplayRotation()).quarter();
			return new MediaProbe.Probed(format, quarter ? height : width, quarter ? width : height, length);
		}
		catch (FrameGrabber.Exception ex) {
			throw new RejectedMediaException("corrupt " + format.mediaType() + ": " + ffmpegError(ex), ex);
		}
	}

	/**
	 * Decodes the frame shown at a timestamp, upright, as the centre of it that fills a
	 * thumbnail's box, at the thumbnail's size.
	 * @param file the video
	 * @param timestampMicros when, from the start
	 * @param width the thumbnail's width
	 * @param height the thumbnail's height
	 * @return the frame as an RGB image of {@code width × height}
	 */
	public BufferedImage frameAt(Path file, long timestampMicros, int width, int height) {
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
			grabber.start();
			grabber.setVideoTimestamp(timestampMicros);
			Frame frame = grabber.grabImage();
			if (frame == null) {
				throw new RejectedMediaException("no frame at " + timestampMicros / 1000 + " ms");
			}
			Turn turn = Turn.ofDisplayRotation(grabber.getDisplayRotation());
			int shownWidth = turn.quarter() ? frame.imageHeight : frame.imageWidth;
			int shownHeight = turn.quarter() ? frame.imageWidth : frame.imageHeight;
			DecodePlan plan = DecodePlan.of(shownWidth, shownHeight, width, height);
			// A turn may leave another pixel format; the image converter takes packed
			// BGR.
			String graph = "%scrop=%d:%d:%d:%d,scale=%d:%d:flags=area,format=bgr24".formatted(turn.filter,
					plan.regionWidth(), plan.regionHeight(), plan.x(), plan.y(), width, height);
			try (FFmpegFrameFilter filter = new FFmpegFrameFilter(graph, frame.imageWidth, frame.imageHeight)) {
				filter.setPixelFormat(grabber.getPixelFormat());
				filter.start();
				filter.push(frame);
				Frame thumbnail = filter.pull();
				if (thumbnail == null) {
					throw new RejectedMediaException("cannot scale the frame at " + timestampMicros / 1000 + " ms");
				}
				return copy(thumbnail, width, height);
			}
		}
		catch (FrameGrabber.Exception | FrameFilter.Exception ex) {
			throw new RejectedMediaException("cannot decode the frame at " + timestampMicros / 1000 + " ms", ex);
		}
	}

	/**
	 * What FFmpeg says is wrong, from the error code in JavaCV's message; the message
	 * itself names the file, a path on the server that failure reasons must not show.
	 */
	static String ffmpegError(Exception ex) {
		Matcher code = FFMPEG_ERROR_CODE.matcher(String.valueOf(ex.getMessage()));
		if (!code.find()) {
			return "FFmpeg cannot read it";
		}
		try (BytePointer text = new BytePointer(AV_ERROR_MAX_STRING_SIZE)) {
			avutil.av_strerror(Integer.parseInt(code.group(1)), text, AV_ERROR_MAX_STRING_SIZE);
			// The buffer's limit is its capacity: read up to FFmpeg's terminating zero
			// only, not the bytes after it.
			String buffer = text.getString();
			int end = buffer.indexOf('\0');
			return (end >= 0) ? buffer.substring(0, end) : buffer;
		}
	}

	/**
	 * Copies a packed BGR frame out of FFmpeg's buffer, which {@code close()} frees, row
	 * by row: a row's stride may be padded past its pixels by more than a pixel, which
	 * Java2DFrameConverter would take for a fourth channel.
	 */
	private static BufferedImage copy(Frame frame, int width, int height) {
		if (frame.imageWidth != width || frame.imageHeight != height) {
			throw new IllegalStateException("the filter made " + frame.imageWidth + "x" + frame.imageHeight);
		}
		BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		byte[] pixels = ((DataBufferByte) copy.getRaster().getDataBuffer()).getData();
		ByteBuffer source = (ByteBuffer) frame.image[0];
		for (int row = 0; row < height; row++) {
			source.get(row * frame.imageStride, pixels, row * width * 3, width * 3);
		}
		return copy;
	}

}
