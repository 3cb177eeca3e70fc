package dev.ddspatterns.thumbnailer.media;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The source formats the thumbnailer accepts, each recognised by its declared media type
 * and by the magic bytes its files start with. The declared type is what the client says;
 * the magic bytes are what the filter believes.
 */
public enum MediaFormat {

	/** JPEG images. */
	JPEG("image/jpeg", Kind.IMAGE, 0, "ffd8ff"),

	/** PNG images. */
	PNG("image/png", Kind.IMAGE, 0, "89504e470d0a1a0a"),

	/** GIF images (the first frame). */
	GIF("image/gif", Kind.IMAGE, 0, "47494638"),

	/** BMP images. */
	BMP("image/bmp", Kind.IMAGE, 0, "424d"),

	/** MP4 videos (H.264 and whatever else FFmpeg decodes). */
	MP4("video/mp4", Kind.VIDEO, 4, "66747970"),

	/** WebM videos (VP8, VP9, AV1). */
	WEBM("video/webm", Kind.VIDEO, 0, "1a45dfa3");

	/** Whether a source is one picture or a sequence of frames. */
	public enum Kind {

		/** One picture, one thumbnail. */
		IMAGE,

		/** A video, one thumbnail per frame interval. */
		VIDEO

	}

	private final String mediaType;

	private final Kind kind;

	private final int magicOffset;

	private final byte[] magic;

	MediaFormat(String mediaType, Kind kind, int magicOffset, String magicHex) {
		this.mediaType = mediaType;
		this.kind = kind;
		this.magicOffset = magicOffset;
		this.magic = HexFormat.of().parseHex(magicHex);
	}

	public String mediaType() {
		return this.mediaType;
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * @param mediaType a declared media type, parameters allowed
	 * @return the format it names, if the thumbnailer accepts it
	 */
	public static Optional<MediaFormat> forMediaType(String mediaType) {
		String bare = mediaType.split(";", 2)[0].trim();
		return Arrays.stream(values()).filter((format) -> format.mediaType.equalsIgnoreCase(bare)).findFirst();
	}

	/**
	 * @param head the first bytes of a file (16 are enough)
	 * @return the format whose magic bytes the file starts with, if any
	 */
	public static Optional<MediaFormat> sniff(byte[] head) {
		return Arrays.stream(values()).filter((format) -> format.matches(head)).findFirst();
	}

	private boolean matches(byte[] head) {
		if (head.length < this.magicOffset + this.magic.length) {
			return false;
		}
		return Arrays.equals(head, this.magicOffset, this.magicOffset + this.magic.length, this.magic, 0,
				this.magic.length);
	}

}
