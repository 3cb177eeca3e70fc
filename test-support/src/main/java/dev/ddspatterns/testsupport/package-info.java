/**
 * Real infrastructure for integration tests: Redis servers, a Kafka broker and a
 * fault-injecting TCP proxy, each a JUnit 5 extension registered with
 * {@code @RegisterExtension}.
 *
 * <p>
 * By default the servers are local processes: {@code redis-server} from the {@code PATH}
 * (or the binary shipped in the embedded-redis jar) and spring-kafka-test's KRaft broker,
 * so {@code ./mvnw verify} needs nothing but a JDK. With {@code -Dtest.infra=containers}
 * the same extensions start Testcontainers instead, and fail with a clear message when no
 * container engine is reachable. Start with
 * {@link dev.ddspatterns.testsupport.redis.RedisServers}.
 */
package dev.ddspatterns.testsupport;
