package dev.ddspatterns.service.problem;

import dev.ddspatterns.service.SuiteProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.unit.DataSize;

/**
 * Problem-detail handling for whichever web stack the app runs on. Registered before
 * Boot's own MVC, WebFlux and error-page configuration so that theirs back off, and
 * backing off itself when an app declares its own handler.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
		"org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
		"org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration" })
class ProblemHandlingAutoConfiguration {

	/**
	 * Bound on its own rather than taken from {@code SuiteProperties}, so the limits hold
	 * in any web app, whatever else it configures.
	 */
	@Bean
	@ConditionalOnWebApplication
	RequestScreen requestScreen(Environment environment) {
		return new RequestScreen(Binder.get(environment).bindOrCreate("suite.http", SuiteProperties.Http.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.springframework.web.servlet.DispatcherServlet",
			"org.springframework.boot.webmvc.error.ErrorController" })
	static class ServletProblemHandling {

		@Bean
		@ConditionalOnMissingBean(org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler.class)
		ServletProblemHandler servletProblemHandler() {
			return new ServletProblemHandler();
		}

		@Bean
		@ConditionalOnMissingBean(value = ErrorController.class, search = SearchStrategy.CURRENT)
		ProblemErrorController problemErrorController() {
			return new ProblemErrorController();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = { "org.apache.catalina.startup.Tomcat",
			"org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory" })
	static class TomcatProblemHandling {

		@Bean
		TomcatProblemReporting tomcatProblemReporting(RequestScreen screen) {
			return new TomcatProblemReporting(screen);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = { "reactor.netty.http.server.HttpServer",
			"org.springframework.boot.reactor.netty.NettyServerCustomizer" })
	static class ReactorNettyProblemHandling {

		/** The parser limits Boot gives its own server, for every server of the app. */
		@Bean
		ReactorNettyProblems reactorNettyProblems(RequestScreen screen, Environment environment) {
			Binder binder = Binder.get(environment);
			DataSize line = binder.bind("server.netty.max-initial-line-length", DataSize.class)
				.orElse(DataSize.ofBytes(4096));
			DataSize headers = binder.bind("server.max-http-request-header-size", DataSize.class)
				.orElse(DataSize.ofKilobytes(8));
			return new ReactorNettyProblems(screen, (int) line.toBytes(), (int) headers.toBytes());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.web.reactive.DispatcherHandler",
			"org.springframework.boot.webflux.error.ErrorWebExceptionHandler" })
	static class ReactiveProblemHandling {

		@Bean
		@ConditionalOnMissingBean(org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler.class)
		ReactiveProblemHandler reactiveProblemHandler() {
			return new ReactiveProblemHandler();
		}

		@Bean
		RequestScreenWebFilter requestScreenWebFilter(RequestScreen screen) {
			return new RequestScreenWebFilter(screen);
		}

		/** Ahead of WebFlux's own status handler (order 0), like Boot's default (-1). */
		@Bean
		@ConditionalOnMissingBean(value = ErrorWebExceptionHandler.class, search = SearchStrategy.CURRENT)
		@Order(-1)
		ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ServerCodecConfigurer codecs) {
			return new ProblemErrorWebExceptionHandler(codecs);
		}

	}

}
