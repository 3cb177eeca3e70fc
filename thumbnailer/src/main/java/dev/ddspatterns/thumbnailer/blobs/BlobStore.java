package dev.ddspatterns.thumbnailer.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where uploads, thumbnails and contact sheets live, shared by every instance. Writes are
 * whole-object and keyed, so writing the same key twice leaves one object: that is what
 * makes the workers idempotent under Kafka's redeliveries.
 *
 * <p>
 * {@link FileSystemBlobStore} keeps objects in a directory that all instances mount. In
 * production an S3-compatible object store is the usual choice; its put-by-key semantics
 * are the same, which is why this interface is this small.
 */
public interface BlobStore {

	/**
	 * Stores an object, replacing any with the same key; readers see the old object or
	 * the new one, never a part.
	 * @param key a relative key such as {@code jobs/abc/thumbs/00003.jpg}
	 * @param content the bytes
	 * @param maxBytes the most bytes accepted
	 * @return the number of bytes stored
	 * @throws IOException if the store cannot be written
	 * @throws TooLargeException if the content is longer than {@code maxBytes}
	 */
	long put(String key, InputStream content, long maxBytes) throws IOException;

	/**
	 * Stores an object from memory.
	 * @param key the key
	 * @param content the bytes
	 * @throws IOException if the store cannot be written
	 */
	void put(String key, byte[] content) throws IOException;

	/**
	 * Moves a finished local file into the store under a key: a rename when the file is
	 * on the store's file system, so a large upload is not copied again.
	 * @param key the key
	 * @param file the file, which is gone afterwards
	 * @throws IOException if the store cannot be written
	 */
	void putFile(String key, Path file) throws IOException;

	/**
	 * @param key the key
	 * @return the object's content
	 * @throws IOException if there is no such object or it cannot be read
	 */
	InputStream open(String key) throws IOException;

	/**
	 * @param key the key
	 * @return the object's size in bytes, or -1 when there is none
	 */
	long size(String key);

	/**
	 * @param prefix a key prefix ending in {@code /}
	 * @return the keys under the prefix, sorted
	 * @throws IOException if the store cannot be listed
	 */
	List<String> list(String prefix) throws IOException;

	/**
	 * Lists every object under a prefix, at any depth, with its size and when it was
	 * written; objects another instance deletes meanwhile are left out.
	 * @param prefix a key prefix ending in {@code /}, or {@code ""} for the whole store
	 * @return the objects, in no particular order
	 * @throws IOException if the store cannot be listed
	 */
	List<StoredBlob> listAll(String prefix) throws IOException;

	/**
	 * Deletes every object under a prefix, or the one object with that key. Deleting what
	 * is not there (another instance was quicker) is not an error, so instances may sweep
	 * the same store without coordinating.
	 * @param prefix a key prefix ending in {@code /}, or a key
	 * @throws IOException if something that is there cannot be deleted
	 */
	void deleteAll(String prefix) throws IOException;

	/**
	 * @return how many more bytes the store can take before its volume is full
	 * @throws IOException if the volume cannot be asked
	 */
	long usableBytes() throws IOException;

	/**
	 * A local file with the object's content, for libraries that need a path (FFmpeg
	 * seeks).
	 * @param key the key
	 * @return the path
	 */
	Path localPath(String key);

	/** Thrown when content is longer than the caller accepts. */
	class TooLargeException extends IOException {

		public TooLargeException(long maxBytes) {
			super("larger than " + maxBytes + " bytes");
		}

	}

}
