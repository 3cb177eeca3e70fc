package dev.ddspatterns.search.leaf;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * Starts search-leaf.
 *
 * <p>
 * Its settings live in {@code search-leaf.properties} rather than {@code application.yml}
 * because leaves are also started inside other apps' tests (search-root starts several
 * in-process), where that app's own {@code application.yml} comes first on the class path
 * and would hide ours. A {@code @PropertySource} is read whoever else is on the class
 * path, and still loses to any configured value. The port is a default only when started
 * from {@link #main}, so an embedding test's port always wins. The name is a default
 * there too: a {@code @PropertySource} is read after logging has started, and the JSON
 * log lines name their service from it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:search-leaf.properties")
public class SearchLeafApplication {

	static final int DEFAULT_PORT = 8090;

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SearchLeafApplication.class);
		application.setDefaultProperties(Map.of("server.port", DEFAULT_PORT, "spring.application.name", "search-leaf"));
		application.run(args);
	}

}
