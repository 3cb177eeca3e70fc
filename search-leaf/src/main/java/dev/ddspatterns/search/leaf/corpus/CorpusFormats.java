package dev.ddspatterns.search.leaf.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the text of one corpus file into documents. A {@code .jsonl} file holds one
 * {@code {"id","title","body"}} object a line; a {@code .txt} or {@code .md} file is one
 * document, its id the file's path in the corpus, its title the first non-blank line; a
 * {@code README} describes the corpus and is no document. Bad lines are logged and
 * skipped: one broken line must not take a shard down.
 */
final class CorpusFormats {

	private static final Logger log = LoggerFactory.getLogger(CorpusFormats.class);

	private CorpusFormats() {
	}

	/**
	 * @param path a file's path or name
	 * @return whether it holds documents: a {@code .jsonl}, {@code .txt} or {@code .md}
	 * file, except a {@code README}, which describes the corpus rather than being part of
	 * it
	 */
	static boolean isCorpusFile(String path) {
		String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		boolean documents = name.endsWith(".jsonl") || name.endsWith(".txt") || name.endsWith(".md");
		return documents && !name.startsWith("readme.");
	}

	/**
	 * @param path the file's path relative to the corpus root, with {@code /}
	 * @param text the file's content
	 * @return its documents, in file order
	 */
	static List<CorpusDocument> documents(String path, String text) {
		return path.toLowerCase(Locale.ROOT).endsWith(".jsonl") ? jsonLines(path, text) : textFile(path, text);
	}

	private static List<CorpusDocument> jsonLines(String path, String text) {
		List<CorpusDocument> documents = new ArrayList<>();
		List<String> lines = text.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			try {
				JsonNode node = JsonMapper.shared().readTree(line);
				String id = string(node, "id");
				String body = string(node, "body");
				if (id == null || id.isBlank() || body == null) {
					log.warn("Skipping {} line {}: it needs a non-blank \"id\" and a \"body\"", path, i + 1);
					continue;
				}
				String title = string(node, "title");
				documents.add(new CorpusDocument(id.strip(), (title != null) ? title.strip() : "", body));
			}
			catch (JacksonException ex) {
				log.warn("Skipping {} line {}: not a JSON object ({})", path, i + 1, ex.getOriginalMessage());
			}
		}
		return documents;
	}

	private static String string(JsonNode node, String name) {
		JsonNode value = node.isObject() ? node.get(name) : null;
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static List<CorpusDocument> textFile(String path, String text) {
		return text.lines()
			.filter((line) -> !line.isBlank())
			.findFirst()
			.map((first) -> List.of(new CorpusDocument(path, stripHeading(first), text)))
			.orElseGet(List::of);
	}

	private static String stripHeading(String line) {
		String stripped = line.strip();
		int start = 0;
		while (start < stripped.length() && stripped.charAt(start) == '#') {
			start++;
		}
		return stripped.substring(start).strip();
	}

}
