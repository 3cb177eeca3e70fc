package dev.ddspatterns.service.reactiveapp;

import dev.ddspatterns.testsupport.http.HostileRequestsContract;
import dev.ddspatterns.testsupport.http.RawHttp;
import dev.ddspatterns.testsupport.http.RawHttp.Response;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Reactor Netty and Spring's adapter answer by themselves, before any filter of the
 * app runs, is a problem too ({@code problem.UndecodableRequests}), and the limits hold
 * ({@code problem.RequestLimitsWebFilter}): see {@link HostileRequestsContract}.
 */
@ReactiveAppTest
class ReactiveServerProblemsIntegrationTests extends HostileRequestsContract {

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
