package dev.ddspatterns.election;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts one replica of the election demo: leader election, its ledger and the shards.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ElectionApplication {

	public static void main(String[] args) {
		SpringApplication.run(ElectionApplication.class, args);
	}

}
