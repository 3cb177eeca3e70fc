package dev.ddspatterns.service;

import dev.ddspatterns.testsupport.http.HostileRequestsContract;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@link HostileRequestsContract} against one of the test apps, which both serve
 * {@code /greetings/length}: a subclass names the app by its test annotation.
 */
public abstract class TestAppHostileRequests extends HostileRequestsContract {

	@LocalServerPort
	int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String servedPath() {
		return "/greetings/length";
	}

}
