package dev.ddspatterns.search.root;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import dev.ddspatterns.search.leaf.corpus.CorpusReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A corpus of any size for the search benchmark, made only of the public-domain corpus in
 * {@code corpus/}: every document is a seeded random sample of its sentences under one of
 * its titles and a number. The words, their frequencies and the queries that match them
 * stay those of real text; only the number of documents grows. The same seed and size
 * always give the same files, byte for byte.
 *
 * <p>
 * Run: {@code SyntheticCorpus [target directory] [documents]}, defaults
 * {@code target/bench/corpus-50000} and 50,000.
 */
final class SyntheticCorpus {

	static final int DEFAULT_DOCUMENTS = 50_000;

	static final long SEED = 0x5EA5C4L;

	/** Documents per file: a leaf reads one file into memory at a time. */
	private static final int DOCUMENTS_PER_FILE = 5_000;

	/** Ends of sentences, keeping closing quotes with their sentence. */
	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"'’”]?)\\s+(?=[\"'‘“]?[A-Z])");

	private SyntheticCorpus() {
	}

	public static void main(String[] args) throws IOException {
		Path target = Path.of((args.length > 0) ? args[0] : "target/bench/corpus-" + DEFAULT_DOCUMENTS);
		int documents = (args.length > 1) ? Integer.parseInt(args[1]) : DEFAULT_DOCUMENTS;
		System.out.println("Wrote " + ensure(sourceCorpus(), target, documents));
	}

	/**
	 * @return the repository's public-domain corpus, from the repository root or a module
	 */
	static Path sourceCorpus() {
		Path here = Path.of("corpus");
		return (Files.isDirectory(here) ? here : Path.of("..", "corpus")).toAbsolutePath().normalize();
	}

	/**
	 * Writes the corpus unless a complete one is already there; files appear all at once,
	 * so an interrupted run never leaves half a corpus behind.
	 * @param source the real corpus
	 * @param target the directory to write
	 * @param documents how many documents
	 * @return the target directory
	 */
	static Path ensure(Path source, Path target, int documents) throws IOException {
		if (Files.isRegularFile(target.resolve("README.md"))) {
			return target;
		}
		Path partial = target.resolveSibling(target.getFileName() + ".partial");
		deleteRecursively(partial);
		Files.createDirectories(partial);
		write(CorpusReader.read(source), partial, documents, new SplittableRandom(SEED));
		Files.writeString(partial.resolve("README.md"), readme(documents));
		Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
		return target;
	}

	private static void write(List<CorpusDocument> real, Path directory, int documents, SplittableRandom random)
			throws IOException {
		List<String> titles = real.stream().map(CorpusDocument::title).filter((t) -> !t.isBlank()).toList();
		List<String> sentences = sentences(real);
		for (int first = 1; first <= documents; first += DOCUMENTS_PER_FILE) {
			Path file = directory.resolve("synthetic-%02d.jsonl".formatted(1 + first / DOCUMENTS_PER_FILE));
			try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				for (int n = first; n < Math.min(first + DOCUMENTS_PER_FILE, documents + 1); n++) {
					String title = titles.get(random.nextInt(titles.size())) + " " + n;
					CorpusDocument document = new CorpusDocument("syn-%06d".formatted(n), title,
							body(sentences, random));
					out.write(JsonMapper.shared().writeValueAsString(document));
					out.write('\n');
				}
			}
		}
	}

	/** One to four paragraphs of one to six sentences: about the length of a fable. */
	private static String body(List<String> sentences, SplittableRandom random) {
		List<String> paragraphs = new ArrayList<>();
		int paragraphCount = random.nextInt(1, 5);
		for (int p = 0; p < paragraphCount; p++) {
			StringBuilder paragraph = new StringBuilder();
			int sentenceCount = random.nextInt(1, 7);
			for (int s = 0; s < sentenceCount; s++) {
				paragraph.append((s > 0) ? " " : "").append(sentences.get(random.nextInt(sentences.size())));
			}
			paragraphs.add(paragraph.toString());
		}
		return String.join("\n\n", paragraphs);
	}

	private static List<String> sentences(List<CorpusDocument> real) {
		return real.stream()
			.flatMap((document) -> Stream.of(document.body().split("\n\n")))
			.flatMap(SENTENCE_END::splitAsStream)
			.map((sentence) -> sentence.replace('\n', ' ').strip())
			.filter((sentence) -> sentence.split("\\s+").length >= 3)
			.toList();
	}

	private static String readme(int documents) {
		return """
				# Synthetic benchmark corpus (%,d documents)

				Generated by `SyntheticCorpus` (search-root/src/bench/java) with seed %d. Every sentence
				and title comes from the public-domain corpus in the repository's `corpus/` folder
				(Aesop's Fables, Grimms' Fairy Tales, Alice's Adventures in Wonderland): each document
				is a random sample of its sentences under one of its titles and a number. Not a real
				text: made only to benchmark search over more documents than the real corpus has.
				""".formatted(documents, SEED);
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
