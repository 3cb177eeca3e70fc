package dev.ddspatterns.search.root;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextScheduledExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Wires the scatter/gather: one {@link ShardClient} per configured shard, a virtual
 * thread per leaf call, one timer thread for hedges, and an HTTP client whose timeouts
 * back up the query deadline. Both executors carry the caller's tracing context, so every
 * leaf call is a child span of the query.
 */
@Configuration(proxyBeanMethods = false)
class SearchRootConfiguration {

	@Bean(destroyMethod = "close")
	ExecutorService leafCalls() {
		return ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
				ContextSnapshotFactory.builder().build()::captureAll);
	}

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService hedgeTimer() {
		return ContextScheduledExecutorService.wrap(
				Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("hedge-timer").daemon().factory()),
				ContextSnapshotFactory.builder().build()::captureAll);
	}

	@Bean
	LeafClient leafClient(RestClient.Builder builder, SearchRootProperties properties) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofMillis(Math.min(1000, properties.deadline().toMillis())))
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.deadline());
		return new LeafClient(builder.requestFactory(requests).build());
	}

	@Bean
	ScatterGather scatterGather(SearchRootProperties properties, LeafClient leaves, ExecutorService leafCalls,
			ScheduledExecutorService hedgeTimer, MeterRegistry meters) {
		List<ShardClient> shards = new ArrayList<>();
		for (int i = 0; i < properties.shards().size(); i++) {
			shards.add(new ShardClient(i, properties.shards().get(i).replicas(), properties.hedging(), meters));
		}
		return new ScatterGather(shards, leaves, properties, leafCalls, hedgeTimer, meters);
	}

}
