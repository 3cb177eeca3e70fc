package dev.ddspatterns.service.servletapp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Starts {@link ServletTestApplication} on a random port with a {@code RestTestClient}.
 * Test classes that share it share one running app.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=servlet-test-app", "spring.servlet.multipart.max-file-size=1KB",
				"server.tomcat.max-http-form-post-size=1KB" })
@AutoConfigureRestTestClient
@interface ServletAppTest {

}
