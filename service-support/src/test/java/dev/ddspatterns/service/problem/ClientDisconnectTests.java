package dev.ddspatterns.service.problem;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that hangs up mid-request (a load generator stopping, a browser tab closed) is
 * not a server failure: no answer is attempted and no error with a stack trace is logged.
 * Any other unexpected exception still gets its 500 problem and its error log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientDisconnectTests {

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/api/v1/cache/bench"));

	@Test
	void reactiveHandlerLetsADisconnectedClientGo(CapturedOutput output) {
		ResponseEntity<Object> answer = new ReactiveProblemHandler()
			.handleUnexpected(new AbortedException("Connection has been closed BEFORE send operation"), this.exchange)
			.block();
		assertThat(answer).isNull();
		assertThat(output).doesNotContain("Unexpected failure");
	}

	@Test
	void reactiveErrorHandlerLetsADisconnectedClientGo(CapturedOutput output) {
		new ProblemErrorWebExceptionHandler(ServerCodecConfigurer.create())
			.handle(this.exchange, new IOException("Broken pipe"))
			.block();
		assertThat(this.exchange.getResponse().getStatusCode()).isNull();
		assertThat(output).doesNotContain("Unexpected failure");
	}

	@Test
	void servletHandlerLetsADisconnectedClientGo(CapturedOutput output) {
		ResponseEntity<Object> answer = new ServletProblemHandler().handleUnexpected(
				new IOException("Connection reset by peer"), new ServletWebRequest(new MockHttpServletRequest()));
		assertThat(answer).isNull();
		assertThat(output).doesNotContain("Unexpected failure");
	}

	@Test
	void anyOtherFailureIsStillA500AndLogged(CapturedOutput output) {
		ResponseEntity<Object> answer = new ReactiveProblemHandler()
			.handleUnexpected(new IllegalStateException("boom"), this.exchange)
			.block();
		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(output).contains("Unexpected failure handling GET /api/v1/cache/bench");
	}

}
