package dev.ddspatterns.console.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ddspatterns.console.ConsoleProperties;
import dev.ddspatterns.console.probe.Probe;
import dev.ddspatterns.console.probe.Reading;
import dev.ddspatterns.service.faults.FaultSwitchController.SwitchChange;
import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern.Flag;
import tools.jackson.databind.JsonNode;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page's fault buttons: {@code PUT /api/faults/{target}/{name}} with {@code {"on":
 * true}} turns on the switch {@code name} of the service {@code target} (such as
 * {@code leaf-3}, the fourth configured leaf), through the service's own
 * {@code /v1/faults} and the token the console holds. A console without a token has no
 * faults to offer.
 */
@RestController
@Validated
class FaultsController {

	private static final Pattern TARGET = Pattern.compile("(leaf|election)-(\\d{1,3})");

	private final ConsoleProperties properties;

	private final Probe probe;

	FaultsController(ConsoleProperties properties) {
		this.properties = properties;
		this.probe = new Probe(properties.timeout());
	}

	@PutMapping("/api/faults/{target}/{name}")
	JsonNode set(@PathVariable String target,
			@PathVariable @jakarta.validation.constraints.Pattern(regexp = "[a-z-]{1,40}",
					flags = Flag.CASE_INSENSITIVE) String name,
			@Valid @RequestBody SwitchChange change) {
		if (!this.properties.faultsOn()) {
			throw new ProblemException(ProblemType.NOT_FOUND,
					"This console holds no fault token (suite.console.fault-token): it offers no faults");
		}
		URI service = service(target);
		Reading<JsonNode> answer = this.probe.put(service.resolve("/v1/faults/" + name), Map.of("on", change.on()),
				this.properties.faultToken());
		if (!answer.ok()) {
			throw new ProblemException(
					"HTTP 404".equals(answer.problem()) ? ProblemType.NOT_FOUND : ProblemType.UNAVAILABLE,
					target + " did not take the switch '" + name + "': " + answer.problem());
		}
		return answer.value();
	}

	private URI service(String target) {
		Matcher matcher = TARGET.matcher(target);
		if (matcher.matches()) {
			List<URI> services = matcher.group(1).equals("leaf") ? this.properties.searchLeaves()
					: this.properties.election();
			int index = Integer.parseInt(matcher.group(2));
			if (index < services.size()) {
				return services.get(index);
			}
		}
		throw new ProblemException(ProblemType.NOT_FOUND,
				"No service '" + target + "': the targets are leaf-0 to leaf-"
						+ (this.properties.searchLeaves().size() - 1) + " and election-0 to election-"
						+ (this.properties.election().size() - 1));
	}

}
