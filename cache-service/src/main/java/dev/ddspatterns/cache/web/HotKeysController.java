package dev.ddspatterns.cache.web;

import java.util.List;

import dev.ddspatterns.cache.hotkeys.HotKeyDetector;
import dev.ddspatterns.cache.hotkeys.HotKeyDetector.HotKey;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the keys the detector currently finds hot, hottest first. */
@RestController
class HotKeysController {

	private final HotKeyDetector detector;

	HotKeysController(HotKeyDetector detector) {
		this.detector = detector;
	}

	@GetMapping("/v1/hotkeys")
	List<HotKey> hotKeys() {
		return this.detector.hotKeys();
	}

}
