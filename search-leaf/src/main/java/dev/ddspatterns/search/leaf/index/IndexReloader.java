package dev.ddspatterns.search.leaf.index;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ddspatterns.search.leaf.corpus.CorpusDocument;
import dev.ddspatterns.search.leaf.corpus.CorpusSource;
import org.apache.lucene.analysis.Analyzer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Loads the shard's index in the background and reloads it when the corpus changes. The
 * first load also runs in the background, so start-up is not blocked; until it succeeds
 * the leaf reports not ready. A failed load keeps the previous index serving and is
 * retried on the next poll.
 */
final class IndexReloader implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IndexReloader.class);

	private final CorpusSource source;

	private final ShardAssignment shard;

	private final LeafIndex index;

	private final Analyzer analyzer;

	private final Clock clock;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	/** Only the executor's one thread reads and writes these two. */
	private @Nullable String loadedFingerprint;

	private boolean reportedMissing;

	IndexReloader(CorpusSource source, ShardAssignment shard, LeafIndex index, Analyzer analyzer, Clock clock,
			Duration interval) {
		this.source = source;
		this.shard = shard;
		this.index = index;
		this.analyzer = analyzer;
		this.clock = clock;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("corpus-reload-" + this.shard.index()).daemon().factory());
		this.executor.scheduleWithFixedDelay(this::reloadIfChanged, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	void reloadIfChanged() {
		try {
			Optional<String> fingerprint = this.source.fingerprint();
			if (fingerprint.isEmpty()) {
				if (!this.reportedMissing) {
					log.warn("No corpus at {} yet; {} stays not ready until it appears", this.source, this.shard);
					this.reportedMissing = true;
				}
				return;
			}
			this.reportedMissing = false;
			if (!fingerprint.get().equals(this.loadedFingerprint)) {
				load(fingerprint.get());
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Loading the corpus from {} failed; the previous index, if any, keeps serving", this.source, ex);
		}
	}

	private void load(String fingerprint) throws IOException {
		long started = System.nanoTime();
		List<CorpusDocument> documents = this.source.read()
			.stream()
			.filter((document) -> this.shard.owns(document.id()))
			.toList();
		long generation = this.index.current().map(IndexSnapshot::generation).orElse(0L) + 1;
		this.index.publish(IndexBuilder.build(documents, this.analyzer, generation, this.clock.instant()));
		this.loadedFingerprint = fingerprint;
		log.info("Loaded generation {} of {}: {} documents from {} in {} ms", generation, this.shard, documents.size(),
				this.source, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

}
