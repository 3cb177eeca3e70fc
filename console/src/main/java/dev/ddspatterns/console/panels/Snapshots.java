package dev.ddspatterns.console.panels;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * Reads every panel at once, every refresh interval while a page watches, and hands the
 * result to the watchers.
 *
 * <p>
 * What a reading may cost is bounded: each service read by the probe's timeout, each
 * panel by {@link #PANEL_BOUND} timeouts and the probe query's timeout (a panel still
 * reading then shows its previous reading and is named late), one reading at a time, and
 * a bounded number of watchers. Nothing is read while nobody watches.
 */
public final class Snapshots implements AutoCloseable {

	/**
	 * A panel's reads, in timeouts: the election panel reads eight things in turn; the
	 * search panel's probe query has a timeout of its own, added to this.
	 */
	public static final int PANEL_BOUND = 4;

	private final ConsoleProperties properties;

	private final Probe probe;

	/** For the search panel's probe query, which waits for the root's deadline. */
	private final Probe patient;

	private final Clock clock;

	private final Rates rates;

	private final Set<Consumer<Snapshot>> watchers = new CopyOnWriteArraySet<>();

	private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService ticks = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("console-snapshots").daemon().factory());

	private volatile @Nullable Snapshot latest;

	public Snapshots(ConsoleProperties properties, Clock clock) {
		this.properties = properties;
		this.probe = new Probe(properties.timeout());
		this.patient = new Probe(properties.probeTimeout());
		this.clock = clock;
		this.rates = new Rates(clock);
		long every = properties.refresh().toMillis();
		this.ticks.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * @param watcher called with every new snapshot, on the console's reading thread
	 * @return what stops the calls
	 * @throws ProblemException (503) if as many pages watch as the console allows
	 */
	public Runnable watch(Consumer<Snapshot> watcher) {
		synchronized (this.watchers) {
			if (this.watchers.size() >= this.properties.watchers()) {
				throw new ProblemException(ProblemType.UNAVAILABLE, "The console already has "
						+ this.properties.watchers() + " watchers (suite.console.watchers); try again later");
			}
			this.watchers.add(watcher);
		}
		Snapshot last = this.latest;
		if (last != null) {
			watcher.accept(last);
		}
		return () -> this.watchers.remove(watcher);
	}

	/**
	 * @return a snapshot no older than the refresh interval, read now if there is none
	 */
	public synchronized Snapshot now() {
		Snapshot last = this.latest;
		if (last != null
				&& Duration.between(last.at(), this.clock.instant()).compareTo(this.properties.refresh()) <= 0) {
			return last;
		}
		return read();
	}

	private void tick() {
		if (this.watchers.isEmpty()) {
			return;
		}
		Snapshot snapshot;
		synchronized (this) {
			snapshot = read();
		}
		for (Consumer<Snapshot> watcher : this.watchers) {
			watcher.accept(snapshot);
		}
	}

	private Snapshot read() {
		Instant at = this.clock.instant();
		Snapshot before = this.latest;
		Future<CachePanel> cache = this.readers.submit(() -> CachePanel.read(this.probe, this.properties));
		Future<SearchPanel> search = this.readers
			.submit(() -> SearchPanel.read(this.probe, this.patient, this.properties, this.rates));
		Future<GatewayPanel> gateway = this.readers
			.submit(() -> GatewayPanel.read(this.probe, this.properties, this.rates));
		Future<ElectionPanel> election = this.readers.submit(() -> ElectionPanel.read(this.probe, this.properties, at));
		Future<PipelinePanel> pipeline = this.readers.submit(() -> PipelinePanel.read(this.probe, this.properties));
		long deadline = System.nanoTime() + this.properties.timeout().multipliedBy(PANEL_BOUND).toNanos()
				+ this.properties.probeTimeout().toNanos();
		List<String> late = new ArrayList<>();
		Snapshot previous = (before != null) ? before : empty();
		CachePanel cacheRead = within(cache, deadline, "cache", late, previous::cache);
		SearchPanel searchRead = within(search, deadline, "search", late, previous::search);
		GatewayPanel gatewayRead = within(gateway, deadline, "gateway", late, previous::gateway);
		ElectionPanel electionRead = within(election, deadline, "election", late, previous::election);
		PipelinePanel pipelineRead = within(pipeline, deadline, "pipeline", late, previous::pipeline);
		Snapshot snapshot = new Snapshot(at, List.copyOf(late), this.properties.sourceBase(), cacheRead, searchRead,
				gatewayRead, electionRead, pipelineRead);
		this.latest = snapshot;
		return snapshot;
	}

	private static <T> T within(Future<T> panel, long deadline, String name, List<String> late, Supplier<T> instead) {
		try {
			return panel.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			panel.cancel(true);
			late.add(name);
			return instead.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			late.add(name);
			return instead.get();
		}
	}

	private Snapshot empty() {
		return new Snapshot(this.clock.instant(), List.of(), this.properties.sourceBase(),
				new CachePanel("not read yet", 0, null, List.of(), List.of(), List.of(), Map.of(), 0),
				new SearchPanel("not read yet", List.of(), Map.of(), 0, 0, null),
				new GatewayPanel("not read yet", Map.of(), Map.of()),
				new ElectionPanel(null, 0, 0, List.of(), List.of(), 0, 0, Map.of()),
				new PipelinePanel(List.of(), Map.of(), Map.of()));
	}

	@Override
	public void close() {
		this.ticks.shutdownNow();
		this.readers.shutdownNow();
	}

}
