package dev.ddspatterns.service.servletapp;

import dev.ddspatterns.testsupport.http.HostileRequestsContract;
import dev.ddspatterns.testsupport.http.RawHttp;
import dev.ddspatterns.testsupport.http.RawHttp.Response;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Tomcat answers by itself, before any filter or servlet of the app runs, is a
 * problem too ({@code problem.ProblemReportValve}): see {@link HostileRequestsContract}.
 */
@ServletAppTest
class ServletServerProblemsIntegrationTests extends HostileRequestsContract {

	@LocalServerPort
	int port;

	@Override
	protected Response exchange(String request) {
		return RawHttp.exchange(this.port, request);
	}

	@Override
	protected String servedPath() {
		return "/greetings/length";
	}

}
