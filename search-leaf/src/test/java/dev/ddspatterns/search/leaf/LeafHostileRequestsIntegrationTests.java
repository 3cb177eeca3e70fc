package dev.ddspatterns.search.leaf;

import java.time.Duration;

import dev.ddspatterns.testsupport.http.HostileRequestsContract;
import dev.ddspatterns.testsupport.http.RawHttp;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.awaitility.Awaitility.await;

/**
 * A search leaf, the app whose 6 KB queries a root sends on, answers a hostile client
 * with problems, whether Tomcat or the app refuses (see {@link HostileRequestsContract}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "suite.search.leaf.corpus=classpath:" + TestCorpus.LOCATION)
class LeafHostileRequestsIntegrationTests extends HostileRequestsContract {

	@LocalServerPort
	int port;

	@BeforeEach
	void awaitTheIndex() {
		await().atMost(Duration.ofSeconds(20)).until(() -> exchange(RawHttp.get("/readyz")).status() == 200);
	}

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String servedPath() {
		return "/v1/search";
	}

}
