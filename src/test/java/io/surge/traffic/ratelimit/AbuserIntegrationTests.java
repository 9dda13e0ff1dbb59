package io.surge.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.Instances;
import io.surge.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The abuser case from the issue: 5 clients firing every 50 ms at an issue-like route (one Redis round trip, per-member
 * LOCAL limit as configured for coupon issue) are refused, while 200 ordinary members see no error and the same
 * latency as without the abusers.
 */
class AbuserIntegrationTests {

    static final int ABUSERS = 5;
    static final int MEMBERS = 200;
    static final long ABUSE_MILLIS = 4_000;

    static ConfigurableApplicationContext app;
    static Api api;
    static JwtEncoder encoder;

    /** An instance of its own (own live-instance set), so its LOCAL share is the whole budget. */
    @BeforeAll
    static void start() {
        app = Instances.start(
                Instances.newCluster(),
                Map.of(
                        "surge.rate-limit.limits.test-issue-member.route", "GET /test/issue",
                        "surge.rate-limit.limits.test-issue-member.scope", "member",
                        "surge.rate-limit.limits.test-issue-member.mode", "local",
                        "surge.rate-limit.limits.test-issue-member.capacity", 5,
                        "surge.rate-limit.limits.test-issue-member.refill-per-second", 2));
        api = new Api(Instances.port(app));
        encoder = app.getBean(JwtEncoder.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void abusersAreRefusedWhileOrdinaryMembersSeeNoErrorsAndUnchangedLatency() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(new Tokens(encoder).member(10_000 + i));
        }
        List<String> warmUp = new ArrayList<>();
        for (int i = 0; i < MEMBERS / 2; i++) {
            warmUp.add(new Tokens(encoder).member(50_000 + i));
        }
        ordinaryTraffic(api, warmUp);
        Result baseline = ordinaryTraffic(api, members.subList(0, MEMBERS / 2));

        AtomicInteger abuserOk = new AtomicInteger();
        AtomicInteger abuserRefused = new AtomicInteger();
        AtomicInteger abuserOther = new AtomicInteger();
        ScheduledExecutorService abusers = Executors.newScheduledThreadPool(ABUSERS);
        for (int i = 0; i < ABUSERS; i++) {
            String token = new Tokens(encoder).member(1 + i);
            abusers.scheduleAtFixedRate(
                    () -> {
                        int status = api.get("/test/issue", token).status();
                        (status == 200 ? abuserOk : status == 429 ? abuserRefused : abuserOther).incrementAndGet();
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
        }
        Thread.sleep(500);
        Result underAbuse = ordinaryTraffic(api, members.subList(MEMBERS / 2, MEMBERS));
        long remaining = ABUSE_MILLIS - 500 - underAbuse.elapsedMillis;
        if (remaining > 0) {
            Thread.sleep(remaining);
        }
        abusers.shutdown();
        assertThat(abusers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        assertThat(baseline.errors).isZero();
        assertThat(underAbuse.errors).as("ordinary members' non-200 answers").isZero();
        int abuserTotal = abuserOk.get() + abuserRefused.get() + abuserOther.get();
        assertThat(abuserOther.get()).isZero();
        // 5 burst + 2/s refill per abuser over ~4 s: at most ~13 of ~80 requests each get through.
        assertThat(abuserOk.get()).isLessThanOrEqualTo(ABUSERS * (5 + 2 * 5));
        assertThat(abuserRefused.get()).isGreaterThan(abuserTotal / 2);
        assertThat(underAbuse.p95Millis)
                .as("p95 with abusers (baseline %d ms)", baseline.p95Millis)
                .isLessThanOrEqualTo(Math.max(baseline.p95Millis * 2, baseline.p95Millis + 25));
    }

    /** Each member makes three requests, 16 members at a time. */
    private Result ordinaryTraffic(Api api, List<String> members) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Integer> errors = new ConcurrentLinkedQueue<>();
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> futures = new ArrayList<>();
            for (String token : members) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        long start = System.nanoTime();
                        int status = api.get("/test/issue", token).status();
                        latencies.add((System.nanoTime() - start) / 1_000_000);
                        if (status != 200) {
                            errors.add(status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
        return new Result(errors.size(), p95, (System.nanoTime() - began) / 1_000_000);
    }

    record Result(int errors, long p95Millis, long elapsedMillis) {}
}
