package dev.ddspatterns.console.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.ddspatterns.console.panels.Snapshot;
import dev.ddspatterns.console.panels.Snapshots;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's data: one snapshot of every panel, or a stream of them as server-sent
 * events for a page that watches.
 */
@RestController
class ConsoleController {

	/** A page reconnects after this (EventSource does so by itself). */
	private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

	private final Snapshots snapshots;

	ConsoleController(Snapshots snapshots) {
		this.snapshots = snapshots;
	}

	@GetMapping(path = "/api/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
	Snapshot snapshot() {
		return this.snapshots.now();
	}

	@GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
		AtomicReference<Runnable> unwatch = new AtomicReference<>(() -> {
		});
		unwatch.set(this.snapshots.watch((snapshot) -> {
			try {
				emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				// The page went away: stop sending to it.
				unwatch.get().run();
				emitter.completeWithError(ex);
			}
		}));
		emitter.onCompletion(() -> unwatch.get().run());
		emitter.onTimeout(() -> unwatch.get().run());
		emitter.onError((ex) -> unwatch.get().run());
		return emitter;
	}

}
