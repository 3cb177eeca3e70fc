package dev.ddspatterns.service.faults;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's fault switches: {@code GET /v1/faults} lists them, {@code PUT
 * /v1/faults/{name}} with {@code {"on": true}} turns one on. Every request carries
 * {@code Authorization: Bearer <suite.faults.token>}; one without it, or with another
 * token, is a 401 problem and changes nothing. Exists only when
 * {@code suite.faults.enabled}.
 */
@RestController
public class FaultSwitchController {

	private final Map<String, FaultSwitch> switches;

	private final byte[] token;

	FaultSwitchController(List<FaultSwitch> switches, FaultSwitchProperties properties) {
		this.switches = switches.stream().collect(Collectors.toUnmodifiableMap(FaultSwitch::name, Function.identity()));
		this.token = ("Bearer " + Objects.requireNonNull(properties.token()).strip()).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A switch as listed.
	 *
	 * @param name its name
	 * @param effect what happens while it is on
	 * @param on whether it is on
	 */
	public record SwitchState(String name, String effect, boolean on) {

		static SwitchState of(FaultSwitch fault) {
			return new SwitchState(fault.name(), fault.effect(), fault.isOn());
		}

	}

	/**
	 * @param on whether the fault is to be injected
	 */
	public record SwitchChange(@NotNull Boolean on) {
	}

	@GetMapping("/v1/faults")
	List<SwitchState> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth) {
		authorize(auth);
		return this.switches.values()
			.stream()
			.map(SwitchState::of)
			.sorted((a, b) -> a.name().compareTo(b.name()))
			.toList();
	}

	@PutMapping("/v1/faults/{name}")
	SwitchState set(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String auth,
			@PathVariable String name, @Valid @RequestBody SwitchChange change) {
		authorize(auth);
		FaultSwitch fault = this.switches.get(name);
		if (fault == null) {
			throw new ProblemException(ProblemType.NOT_FOUND,
					"No fault switch named '" + name + "'; this app has " + this.switches.keySet());
		}
		fault.set(change.on());
		return SwitchState.of(fault);
	}

	private void authorize(@Nullable String auth) {
		// Compared in constant time: how long a refusal takes says nothing of the token.
		if (auth == null || !MessageDigest.isEqual(this.token, auth.strip().getBytes(StandardCharsets.UTF_8))) {
			ProblemException refused = new ProblemException(ProblemType.UNAUTHORIZED,
					"The fault switches need the bearer token of suite.faults.token");
			refused.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			throw refused;
		}
	}

}
