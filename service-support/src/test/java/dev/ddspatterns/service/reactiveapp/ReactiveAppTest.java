package dev.ddspatterns.service.reactiveapp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * Starts {@link ReactiveTestApplication} on a random port with a {@code WebTestClient}.
 * Both web stacks are on the test class path, so it asks for a reactive server. Test
 * classes that share it share one running app.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=reactive-test-app", "spring.main.web-application-type=reactive",
				"spring.http.codecs.max-in-memory-size=1KB" })
@AutoConfigureWebTestClient
@interface ReactiveAppTest {

}
