package dev.ddspatterns.service.problem;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.res.StringManager;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's answers of its own, as problems. Sits in the host's pipeline, in front of
 * every app, in place of Tomcat's HTML error report: it refuses a request over the
 * {@link RequestScreen} before any filter or servlet runs, and gives every error nothing
 * else wrote a body for a problem body: a request line or header Tomcat cannot parse, a
 * path it cannot decode or normalize, a request over its own parser's limit
 * ({@code server.max-http-request-header-size}).
 */
class ProblemReportValve extends ErrorReportValve {

	/**
	 * What Tomcat's HTTP/1.1 parser says when the request line and headers overflow it.
	 */
	private static final String PARSER_LIMIT_MESSAGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	private final RequestScreen screen;

	ProblemReportValve(RequestScreen screen) {
		this.screen = screen;
	}

	/**
	 * Refuses a request the {@link RequestScreen} does not pass before the app sees it.
	 * One Tomcat has already refused (it cannot parse or decode it) goes on to its error
	 * report.
	 */
	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		if (!response.isError()) {
			org.apache.coyote.Request coyote = request.getCoyoteRequest();
			Optional<ProblemException> refusal = this.screen.refusal(text(coyote.requestURI()).orElse(""),
					text(coyote.queryString()).orElse(null), headersSize(coyote.getMimeHeaders()));
			if (refusal.isPresent()) {
				ProblemDetail problem = refusal.get().getBody();
				response.setStatus(problem.getStatus());
				write(request, response, problem);
				return;
			}
		}
		super.invoke(request, response);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		ProblemDetail problem = problemFor(request, status, throwable);
		response.setStatus(problem.getStatus());
		write(request, response, problem);
	}

	/**
	 * Tomcat answers 400 for every request it cannot parse, also for one over its
	 * parser's limit: that one is a 414 if the request line never ended, a 431 otherwise.
	 * The exception is recognised by Tomcat's own message, in the same locale Tomcat
	 * used.
	 */
	private ProblemDetail problemFor(Request request, int status, Throwable throwable) {
		if (status == HttpStatus.BAD_REQUEST.value() && throwable != null
				&& PARSER_LIMIT_MESSAGE.equals(throwable.getMessage())) {
			boolean lineRead = !request.getCoyoteRequest().requestURI().isNull();
			return (lineRead ? this.screen.headersTooLarge() : this.screen.uriTooLong()).getBody();
		}
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return this.screen.unreadable().getBody();
		}
		return ProblemBodies.forStatus(HttpStatusCode.valueOf(status), null);
	}

	private static void write(Request request, Response response, ProblemDetail problem) {
		text(request.getCoyoteRequest().requestURI()).ifPresent((path) -> ProblemBodies.setInstance(problem, path));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		try {
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(new String(ProblemJson.of(problem), StandardCharsets.US_ASCII));
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response already has a body: nothing to add.
		}
	}

	/** What Tomcat read of a part of the request, if it got that far. */
	private static Optional<String> text(MessageBytes bytes) {
		return bytes.isNull() ? Optional.empty() : Optional.ofNullable(bytes.toString());
	}

	private static long headersSize(MimeHeaders headers) {
		long size = 0;
		for (int i = 0; i < headers.size(); i++) {
			size += RequestScreen.fieldSize(headers.getName(i).getLength(), headers.getValue(i).getLength());
		}
		return size;
	}

}
