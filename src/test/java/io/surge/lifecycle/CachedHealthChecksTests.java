package io.surge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** On main each /readyz ran every dependency check; now a burst of probes shares one check per TTL. */
class CachedHealthChecksTests {

    @Test
    void aBurstOfProbesRunsOneCheckPerTtl() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        HealthIndicator slow = () -> {
            checks.incrementAndGet();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().withDetail("n", checks.get()).build();
        };
        var cached = new CachedHealthChecks.Cached(slow, 10_000_000_000L);
        CountDownLatch start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> {
                    start.await();
                    return cached.health();
                });
            }
            start.countDown();
        }
        assertThat(checks.get()).isEqualTo(1);
        assertThat(cached.health(false).getDetails()).isEmpty();

        var shortLived = new CachedHealthChecks.Cached(slow, 1_000_000L);
        shortLived.health();
        Thread.sleep(5);
        assertThat(shortLived.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(checks.get()).as("a check older than the TTL is run again").isEqualTo(3);
    }

    @Test
    void onlyTheDependencyChecksAreCached() {
        assertThat(CachedHealthChecks.contributor("dbHealthContributor")).isEqualTo("db");
        assertThat(CachedHealthChecks.contributor("redisHealthIndicator")).isEqualTo("redis");
        assertThat(CachedHealthChecks.contributor("kafkaHealthIndicator")).isEqualTo("kafka");
        assertThat(CachedHealthChecks.CACHED).doesNotContain("readinessState", "livenessState");
    }
}
