package dev.ddspatterns.thumbnailer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Test media, made by the tests: pictures drawn with Java 2D, videos encoded with FFmpeg
 * (H.264 in MP4 through OpenH264, VP8 in WebM), and broken files.
 */
public final class TestMedia {

	/** The colour a generated video shows during each of its seconds, cycling. */
	public static final Color[] SECOND_COLOURS = { Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.MAGENTA,
			Color.CYAN, Color.WHITE };

	private TestMedia() {
	}

	/**
	 * @param width width
	 * @param height height
	 * @param format an ImageIO format name: jpg, png, gif, bmp
	 * @return a picture, left half red and right half blue
	 */
	public static byte[] picture(int width, int height, String format) {
		return encode(halves(width, height, BufferedImage.TYPE_INT_RGB), format);
	}

	private static BufferedImage halves(int width, int height, int imageType) {
		BufferedImage image = new BufferedImage(width, height, imageType);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.RED);
		graphics.fillRect(0, 0, width / 2, height);
		graphics.setColor(Color.BLUE);
		graphics.fillRect(width / 2, 0, width - width / 2, height);
		graphics.dispose();
		return image;
	}

	/**
	 * A JPEG whose pixels are stored sideways with an EXIF orientation tag saying so, as
	 * a phone held upright writes it.
	 * @param storedWidth width of the stored pixels
	 * @param storedHeight height of the stored pixels
	 * @param orientation the EXIF orientation, 6 meaning "rotate 90° clockwise to view"
	 * @return the JPEG
	 */
	public static byte[] jpegWithOrientation(int storedWidth, int storedHeight, int orientation) {
		byte[] jpeg = picture(storedWidth, storedHeight, "jpg");
		// APP1 "Exif\0\0" + a big-endian TIFF header with one IFD entry: Orientation
		// (0x0112).
		ByteBuffer tiff = ByteBuffer.allocate(26);
		tiff.put(new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8 });
		tiff.putShort((short) 1);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0);
		byte[] exif = new byte[6 + tiff.capacity()];
		System.arraycopy(new byte[] { 'E', 'x', 'i', 'f', 0, 0 }, 0, exif, 0, 6);
		System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(0xff);
		out.write(0xe1);
		int length = exif.length + 2;
		out.write(length >> 8);
		out.write(length & 0xff);
		out.write(exif, 0, exif.length);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	/**
	 * @return bytes that start like an MP4 ({@code ftyp} box) and continue as noise
	 */
	public static byte[] corruptMp4() {
		byte[] bytes = new byte[4096];
		new Random(7).nextBytes(bytes);
		byte[] box = { 0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' };
		System.arraycopy(box, 0, bytes, 0, box.length);
		return bytes;
	}

	/**
	 * @return bytes that start like a JPEG and continue as noise
	 */
	public static byte[] corruptJpeg() {
		byte[] bytes = new byte[4096];
		new Random(42).nextBytes(bytes);
		bytes[0] = (byte) 0xff;
		bytes[1] = (byte) 0xd8;
		bytes[2] = (byte) 0xff;
		return bytes;
	}

	/**
	 * Encodes a video that shows {@link #SECOND_COLOURS} one second each, cycling, at
	 * five frames a second.
	 * @param file where to write it, {@code .mp4} (H.264) or {@code .webm} (VP8)
	 * @param seconds its length
	 * @param width width
	 * @param height height
	 * @return the file
	 */
	public static Path video(Path file, int seconds, int width, int height) {
		return video(file, seconds, width, height, 5);
	}

	/**
	 * Encodes a video that shows {@link #SECOND_COLOURS} one second each, cycling.
	 * @param file where to write it, {@code .mp4} (H.264) or {@code .webm} (VP8)
	 * @param seconds its length
	 * @param width width
	 * @param height height
	 * @param fps frames a second: 1 makes a long, large video quick to encode
	 * @return the file
	 */
	public static Path video(Path file, int seconds, int width, int height, int fps) {
		boolean webm = file.toString().endsWith(".webm");
		try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
				Java2DFrameConverter converter = new Java2DFrameConverter()) {
			recorder.setFormat(webm ? "webm" : "mp4");
			recorder.setVideoCodec(webm ? avcodec.AV_CODEC_ID_VP8 : avcodec.AV_CODEC_ID_H264);
			recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
			recorder.setFrameRate(fps);
			recorder.setGopSize(fps);
			recorder.start();
			BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
			for (int frame = 0; frame < seconds * fps; frame++) {
				Graphics2D graphics = image.createGraphics();
				graphics.setColor(SECOND_COLOURS[(frame / fps) % SECOND_COLOURS.length]);
				graphics.fillRect(0, 0, width, height);
				graphics.dispose();
				recorder.record(converter.convert(image));
			}
			recorder.stop();
			return file;
		}
		catch (FrameRecorder.Exception ex) {
			throw new IllegalStateException("Cannot encode " + file, ex);
		}
	}

	/**
	 * Encodes a small WebM (VP8 compresses a flat frame to almost nothing) of two black
	 * frames of a huge size, drawn in native memory so the test's heap never holds one.
	 * @param file where to write it
	 * @param width width of each frame
	 * @param height height of each frame
	 * @return the file
	 */
	public static Path hugeFrames(Path file, int width, int height) {
		try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
				Frame black = new Frame(width, height, Frame.DEPTH_UBYTE, 1)) {
			recorder.setFormat("webm");
			recorder.setVideoCodec(avcodec.AV_CODEC_ID_VP8);
			recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
			recorder.setFrameRate(1);
			recorder.start();
			for (int i = 0; i < 2; i++) {
				recorder.record(black, avutil.AV_PIX_FMT_GRAY8);
			}
			recorder.stop();
			return file;
		}
		catch (FrameRecorder.Exception ex) {
			throw new IllegalStateException("Cannot encode " + file, ex);
		}
	}

	/**
	 * Encodes a two-second H.264 MP4 whose stored frames are left half red and right half
	 * blue, with a display matrix telling players to turn them, as a phone writes a video
	 * filmed upright: stored landscape, {@code -90} (degrees counterclockwise, FFmpeg's
	 * convention) shows it portrait with the stored left edge on top.
	 * @param file where to write it
	 * @param width stored width
	 * @param height stored height
	 * @param displayRotation the display matrix's rotation
	 * @return the file
	 */
	public static Path turnedVideo(Path file, int width, int height, double displayRotation) {
		int fps = 5;
		try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height);
				Java2DFrameConverter converter = new Java2DFrameConverter()) {
			recorder.setFormat("mp4");
			recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
			recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
			recorder.setFrameRate(fps);
			recorder.setDisplayRotation(displayRotation);
			recorder.start();
			BufferedImage frame = halves(width, height, BufferedImage.TYPE_3BYTE_BGR);
			for (int i = 0; i < 2 * fps; i++) {
				recorder.record(converter.convert(frame));
			}
			recorder.stop();
			return file;
		}
		catch (FrameRecorder.Exception ex) {
			throw new IllegalStateException("Cannot encode " + file, ex);
		}
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalArgumentException("No ImageIO writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param rgb a pixel
	 * @param colour the colour it should have
	 * @return whether each channel is within 60 of the colour's, a margin that JPEG and
	 * scaling stay inside on flat areas
	 */
	public static boolean near(int rgb, Color colour) {
		Color pixel = new Color(rgb);
		return Math.abs(pixel.getRed() - colour.getRed()) < 60 && Math.abs(pixel.getGreen() - colour.getGreen()) < 60
				&& Math.abs(pixel.getBlue() - colour.getBlue()) < 60;
	}

}
