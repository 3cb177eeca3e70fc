package dev.ddspatterns.thumbnailer.blobs;

import java.time.Instant;

/**
 * One object as a listing of the whole store shows it, the way an object store's listing
 * does: what retention needs to decide whether it may go and how much room it takes.
 *
 * @param key its key
 * @param bytes its size
 * @param storedAt when it was last written
 */
public record StoredBlob(String key, long bytes, Instant storedAt) {

}
