package io.surge.traffic.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Metrics;
import io.surge.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.TestPropertySource;

/** A limit of N and N+K concurrent slow requests: exactly K are refused, at once, while probes still answer. */
@IntegrationTest
@TestPropertySource(properties = {"surge.admission.mode=fixed", "surge.admission.limit=4"})
class AdmissionIntegrationTests {

    static final int LIMIT = 4;
    static final int EXCESS = 3;
    static final long HANDLER_MS = 1_000;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JwtEncoder encoder;

    @Test
    void excessOverTheLimitIsRefusedImmediatelyWith429() throws Exception {
        Api api = new Api(port);
        String token = new Tokens(encoder).member(1);
        // First round warms up connections, JIT and the problem writer; it must already split the same way.
        List<Timed> warmUp = race(api, token);
        assertThat(warmUp.stream().filter(r -> r.response.status() == 429)).hasSize(EXCESS);

        List<Timed> results = race(api, token);

        List<Timed> refused =
                results.stream().filter(r -> r.response.status() == 429).toList();
        List<Timed> served =
                results.stream().filter(r -> r.response.status() == 200).toList();
        assertThat(refused).hasSize(EXCESS);
        assertThat(served).hasSize(LIMIT);
        for (Timed r : refused) {
            assertThat(r.millis).as("rejection time").isLessThan(HANDLER_MS / 4);
            assertThat(r.response.code()).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(r.response.json().get("reason").asString()).isEqualTo("concurrency");
            assertThat(r.response.header("Retry-After")).isEqualTo("1");
            assertThat(r.response.header("Content-Type")).startsWith("application/problem+json");
        }
        for (Timed r : served) {
            assertThat(r.millis).isGreaterThanOrEqualTo(HANDLER_MS);
        }
        // The permits are returned: the next request is served again.
        assertThat(api.get("/test/slow?ms=1", token).status()).isEqualTo(200);
        String metrics = Metrics.scrape(managementPort);
        assertThat(metrics)
                .containsPattern(
                        "surge_protection_requests_total\\{[^}]*guard=\"admission\"[^}]*outcome=\"rejected\"[^}]*} 6\\.0");
    }

    /** N+K requests released together; while they are in flight, the readiness probe (exempt) still answers. */
    private List<Timed> race(Api api, String token) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Timed>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(LIMIT + EXCESS)) {
            for (int i = 0; i < LIMIT + EXCESS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    long began = System.nanoTime();
                    Api.Response response = api.get("/test/slow?ms=" + HANDLER_MS, token);
                    return new Timed(response, (System.nanoTime() - began) / 1_000_000);
                }));
            }
            start.countDown();
            Thread.sleep(HANDLER_MS / 2);
            assertThat(api.get("/readyz", null).status()).isEqualTo(200);
            List<Timed> results = new ArrayList<>();
            for (Future<Timed> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    record Timed(Api.Response response, long millis) {}
}
