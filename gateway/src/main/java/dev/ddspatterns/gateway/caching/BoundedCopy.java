package dev.ddspatterns.gateway.caching;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.springframework.core.io.buffer.DataBuffer;

/** The body so far, given up on once it is larger than an entry may be. */
final class BoundedCopy {

	private final long limit;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private boolean overflowed;

	BoundedCopy(long limit) {
		this.limit = limit;
	}

	<T extends DataBuffer> T append(T buffer) {
		int length = buffer.readableByteCount();
		if (this.overflowed || this.bytes.size() + (long) length > this.limit) {
			this.overflowed = true;
			return buffer;
		}
		byte[] chunk = new byte[length];
		// A copy that leaves the read position alone: the client still gets it all.
		buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(chunk), 0, length);
		this.bytes.writeBytes(chunk);
		return buffer;
	}

	boolean overflowed() {
		return this.overflowed;
	}

	byte[] bytes() {
		return this.bytes.toByteArray();
	}

}
