package dev.ddspatterns.cache.web;

import dev.ddspatterns.cache.shards.ShardUnavailableException;
import dev.ddspatterns.service.problem.ProblemType;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A shard that cannot serve is a 503 for that shard's keys only, naming the shard, so a
 * client can retry later and an operator can see which shard is in trouble.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShardUnavailableAdvice {

	@ExceptionHandler(ShardUnavailableException.class)
	ProblemDetail shardUnavailable(ShardUnavailableException ex) {
		ProblemDetail problem = ProblemType.UNAVAILABLE.toProblemDetail(ex.getMessage());
		problem.setProperty("shard", ex.shard());
		return problem;
	}

}
