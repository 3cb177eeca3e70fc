package dev.ddspatterns.election.ledger;

import java.util.List;
import java.util.Map;

import dev.ddspatterns.service.problem.ProblemException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the leader's ledger, so a reader can check the fencing rule from outside: tokens
 * never decrease in stream order.
 */
@RestController
class LedgerController {

	static final int MAX_ENTRIES = 1000;

	private final FencedLedger ledger;

	LedgerController(FencedLedger ledger) {
		this.ledger = ledger;
	}

	@GetMapping("/v1/ledger")
	List<LedgerEntry> last(@RequestParam(defaultValue = "20") int last) {
		if (last < 1 || last > MAX_ENTRIES) {
			throw new ProblemException(ProblemType.INVALID_REQUEST,
					"'last' must be between 1 and " + MAX_ENTRIES + ", not " + last);
		}
		try {
			return this.ledger.last(last);
		}
		catch (DataAccessException ex) {
			throw new ProblemException(ProblemType.UNAVAILABLE, "Redis, which holds the ledger, cannot be reached",
					Map.of(), ex);
		}
	}

}
