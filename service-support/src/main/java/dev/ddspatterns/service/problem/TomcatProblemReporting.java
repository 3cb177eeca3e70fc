package dev.ddspatterns.service.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts a {@link ProblemReportValve} in the host's pipeline in place of Tomcat's HTML
 * error report. Boot's own customizer (order 0) adds a plain {@link ErrorReportValve};
 * this one runs after it and removes it, and names the valve's class as the host's error
 * report valve so that Tomcat does not add its own when the host starts.
 */
class TomcatProblemReporting implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final RequestScreen screen;

	TomcatProblemReporting(RequestScreen screen) {
		this.screen = screen;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> install(context.getParent()));
	}

	private void install(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		host.getPipeline().addValve(new ProblemReportValve(this.screen));
		if (host instanceof StandardHost standardHost) {
			standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return 1;
	}

}
