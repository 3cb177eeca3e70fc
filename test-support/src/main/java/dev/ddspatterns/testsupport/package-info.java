/**
 * Real infrastructure for integration tests: Redis servers, an etcd cluster, a Kafka
 * broker and a fault-injecting TCP proxy, each a JUnit 5 extension registered with
 * {@code @RegisterExtension}.
 *
 * <p>
 * By default the servers are local processes: {@code redis-server} from the {@code PATH}
 * (or the binary shipped in the embedded-redis jar), {@code etcd} from the {@code PATH}
 * (Debian's {@code etcd-server}) and spring-kafka-test's KRaft broker. With
 * {@code -Dtest.infra=containers} the Redis and Kafka extensions start Testcontainers
 * instead, and fail with a clear message when no container engine is reachable. Start
 * with {@link dev.ddspatterns.testsupport.redis.RedisServers}.
 */
package dev.ddspatterns.testsupport;
