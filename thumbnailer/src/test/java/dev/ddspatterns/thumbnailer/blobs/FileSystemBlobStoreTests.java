package dev.ddspatterns.thumbnailer.blobs;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class FileSystemBlobStoreTests {

	@TempDir
	Path root;

	@Test
	void writingAKeyAgainReplacesItWhole() throws Exception {
		BlobStore store = new FileSystemBlobStore(this.root);
		store.put("jobs/a/thumbs/00000.jpg", new byte[] { 1, 2, 3 });
		store.put("jobs/a/thumbs/00000.jpg", new byte[] { 4, 5 });
		assertThat(store.list("jobs/a/thumbs/")).containsExactly("jobs/a/thumbs/00000.jpg");
		try (InputStream in = store.open("jobs/a/thumbs/00000.jpg")) {
			assertThat(in.readAllBytes()).containsExactly(4, 5);
		}
	}

	@Test
	void aLocalFileIsMovedInWithoutACopy() throws Exception {
		BlobStore store = new FileSystemBlobStore(this.root);
		Path upload = Files.write(this.root.resolve("incoming-upload"), new byte[] { 7, 8, 9 });
		store.putFile("jobs/c/source", upload);
		assertThat(upload).doesNotExist();
		assertThat(store.size("jobs/c/source")).isEqualTo(3);
	}

	@Test
	void anOversizeWriteLeavesNothingBehind() throws Exception {
		BlobStore store = new FileSystemBlobStore(this.root);
		assertThatExceptionOfType(BlobStore.TooLargeException.class)
			.isThrownBy(() -> store.put("jobs/b/source", new ByteArrayInputStream(new byte[2048]), 1024));
		assertThat(store.list("jobs/b/")).isEmpty();
		assertThat(store.size("jobs/b/source")).isEqualTo(-1);
	}

	@Test
	void theWholeStoreIsListedWithSizesAndWriteTimes() throws Exception {
		BlobStore store = new FileSystemBlobStore(this.root);
		Instant before = Instant.now().minusSeconds(1);
		store.put("jobs/a/source", new byte[] { 1, 2, 3 });
		store.put("jobs/a/thumbs/00000.jpg", new byte[] { 4 });
		store.put("top", new byte[] { 5, 6 });
		assertThat(store.listAll("")).extracting(StoredBlob::key, StoredBlob::bytes)
			.containsExactlyInAnyOrder(tuple("jobs/a/source", 3L), tuple("jobs/a/thumbs/00000.jpg", 1L),
					tuple("top", 2L));
		assertThat(store.listAll("jobs/a/")).hasSize(2)
			.allSatisfy((blob) -> assertThat(blob.storedAt()).isAfter(before));
		assertThat(store.listAll("jobs/none/")).isEmpty();
	}

	@Test
	void aPrefixIsDeletedAsAUnitAndDeletingWhatIsGoneIsFine() throws Exception {
		BlobStore store = new FileSystemBlobStore(this.root);
		store.put("jobs/a/source", new byte[] { 1 });
		store.put("jobs/a/thumbs/00000.jpg", new byte[] { 2 });
		store.put("jobs/b/source", new byte[] { 3 });
		store.deleteAll("jobs/a/");
		store.deleteAll("jobs/a/");
		store.deleteAll("incoming/a");
		assertThat(this.root.resolve("jobs/a")).doesNotExist();
		assertThat(store.listAll("")).extracting(StoredBlob::key).containsExactly("jobs/b/source");
		assertThatIllegalArgumentException().isThrownBy(() -> store.deleteAll(""));
	}

	@Test
	void keysCannotEscapeTheStore() throws Exception {
		BlobStore store = new FileSystemBlobStore(this.root);
		assertThatIllegalArgumentException().isThrownBy(() -> store.localPath("../outside"));
		assertThatIllegalArgumentException().isThrownBy(() -> store.localPath("jobs/../../outside"));
	}

}
