package dev.ddspatterns.service.problem;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem handlers follow the app's web stack and step aside for an app's own.
 */
class ProblemHandlingAutoConfigurationTests {

	private static final AutoConfigurations PROBLEMS = AutoConfigurations.of(ProblemHandlingAutoConfiguration.class);

	@Test
	void servletAppGetsTheServletHandlerAndErrorPage() {
		new WebApplicationContextRunner().withConfiguration(PROBLEMS).run((context) -> {
			assertThat(context).hasSingleBean(ServletProblemHandler.class)
				.hasSingleBean(ProblemErrorController.class)
				.hasSingleBean(TomcatProblemReporting.class)
				.doesNotHaveBean(ReactiveProblemHandler.class)
				.doesNotHaveBean(ReactorNettyProblems.class);
		});
	}

	@Test
	void reactiveAppGetsTheReactiveHandlerAndErrorHandler() {
		new ReactiveWebApplicationContextRunner().withConfiguration(PROBLEMS)
			.withBean(ServerCodecConfigurer.class, ServerCodecConfigurer::create)
			.run((context) -> assertThat(context).hasSingleBean(ReactiveProblemHandler.class)
				.hasSingleBean(ErrorWebExceptionHandler.class)
				.hasSingleBean(ReactorNettyProblems.class)
				.hasSingleBean(RequestScreenWebFilter.class)
				.doesNotHaveBean(ServletProblemHandler.class)
				.doesNotHaveBean(TomcatProblemReporting.class));
	}

	@Test
	void nonWebAppGetsNoHandlers() {
		new ApplicationContextRunner().withConfiguration(PROBLEMS)
			.run((context) -> assertThat(context).doesNotHaveBean(ServletProblemHandler.class)
				.doesNotHaveBean(ReactiveProblemHandler.class)
				.doesNotHaveBean(RequestScreen.class));
	}

	@Test
	void appWithItsOwnHandlersKeepsThem() {
		new WebApplicationContextRunner().withConfiguration(PROBLEMS)
			.withBean(AppExceptionHandler.class)
			.withBean(AppErrorController.class)
			.run((context) -> assertThat(context).doesNotHaveBean(ServletProblemHandler.class)
				.doesNotHaveBean(ProblemErrorController.class)
				.hasSingleBean(ResponseEntityExceptionHandler.class)
				.hasSingleBean(ErrorController.class));
	}

	static class AppExceptionHandler extends ResponseEntityExceptionHandler {

	}

	static class AppErrorController implements ErrorController {

	}

}
