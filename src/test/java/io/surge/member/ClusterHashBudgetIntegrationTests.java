package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.redis.RedisKeyspace;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The cluster-wide password-hash budget: instances that each allow several hashes hold at most the cluster's number
 * between them. On main each instance counted only its own hashes, so four instances on two cores took every core.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "surge.member.password-hash-cost=12",
            "surge.member.password-hash-concurrency=4",
            "surge.member.password-hash-cluster-concurrency=1",
            "surge.member.password-hash-max-wait=10ms"
        })
class ClusterHashBudgetIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    @Test
    void aSignupFloodHoldsAtMostTheClustersLeasesThoughTheInstanceAllowsMore() throws Exception {
        Api api = new Api(port);
        String leases = keyspace.key("member:{hash-budget}:leases");
        int flood = 20;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger maxLeases = new AtomicInteger();
        List<Future<Api.Response>> signups = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(flood + 1)) {
            pool.submit(() -> {
                while (flooding.get()) {
                    Long held = redis.opsForZSet().zCard(leases);
                    maxLeases.accumulateAndGet(held == null ? 0 : held.intValue(), Math::max);
                }
            });
            for (int i = 0; i < flood; i++) {
                signups.add(pool.submit(() -> {
                    start.await();
                    return api.signUpNew("cluster");
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Api.Response> signup : signups) {
                Api.Response response = signup.get();
                statuses.merge(response.status(), 1, Integer::sum);
                if (response.status() == 429) {
                    assertThat(response.code()).isEqualTo("TOO_MANY_REQUESTS");
                    assertThat(response.json().get("reason").asString()).isEqualTo("password-hashing");
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                }
            }
            flooding.set(false);
            assertThat(statuses).as("%s", statuses).containsOnlyKeys(201, 429);
        }
        assertThat(maxLeases.get()).as("leases held at once").isEqualTo(1);
        assertThat(redis.opsForZSet().zCard(leases))
                .as("every lease given back")
                .isZero();
    }

    @Test
    void twoInstancesRacingNeverHoldMoreThanTheClustersLeases() throws Exception {
        String key = "test:cluster-hash:" + UUID.randomUUID();
        int limit = 2;
        List<ClusterHashBudget> instances = List.of(
                new ClusterHashBudget(redis, key, limit, Duration.ofSeconds(5)),
                new ClusterHashBudget(redis, key, limit, Duration.ofSeconds(5)));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                ClusterHashBudget instance = instances.get(i % 2);
                pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        ClusterHashBudget.Lease lease =
                                instance.take(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
                        if (lease == null) {
                            refused.incrementAndGet();
                            continue;
                        }
                        granted.incrementAndGet();
                        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        inFlight.decrementAndGet();
                        instance.giveBack(lease);
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(granted.get() + refused.get()).isEqualTo(80);
        assertThat(maxInFlight.get()).as("hashes at once across both instances").isEqualTo(limit);
        assertThat(refused.get()).as("the excess is refused, not queued").isPositive();
        assertThat(redis.opsForZSet().zCard(key)).isZero();
    }

    @Test
    void aLeaseOfAnInstanceThatDiedExpiresByItself() throws Exception {
        String key = "test:cluster-hash:" + UUID.randomUUID();
        ClusterHashBudget died = new ClusterHashBudget(redis, key, 1, Duration.ofMillis(300));
        ClusterHashBudget survivor = new ClusterHashBudget(redis, key, 1, Duration.ofMillis(300));
        assertThat(died.take(System.nanoTime())).isNotNull();

        assertThat(survivor.take(System.nanoTime()))
                .as("while the dead instance's lease lives")
                .isNull();
        ClusterHashBudget.Lease later = survivor.take(System.nanoTime() + TimeUnit.SECONDS.toNanos(2));
        assertThat(later).isNotNull();
        assertThat(later.id()).isNotNull();
        survivor.giveBack(later);
    }

    @Test
    void redisUnreachableAdmitsWithinTheInstancesBudget() {
        var factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", 1),
                LettuceClientConfiguration.builder()
                        .commandTimeout(Duration.ofMillis(200))
                        .build());
        factory.afterPropertiesSet();
        try {
            ClusterHashBudget budget =
                    new ClusterHashBudget(new StringRedisTemplate(factory), "unreachable", 1, Duration.ofSeconds(5));
            assertThat(budget.take(System.nanoTime())).isEqualTo(ClusterHashBudget.Lease.NONE);
        } finally {
            factory.destroy();
        }
    }
}
