package io.surge.traffic.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Metrics;
import io.surge.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.TestPropertySource;

/** A failing dependency opens its breaker; while open, calls answer 503 fast; after the wait it half-opens and closes. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "surge.resilience.breakers.test-dependency.sliding-window-size=4",
            "surge.resilience.breakers.test-dependency.minimum-number-of-calls=4",
            "surge.resilience.breakers.test-dependency.failure-rate-threshold=50",
            "surge.resilience.breakers.test-dependency.wait-in-open=1500ms",
            "surge.resilience.breakers.test-dependency.permitted-calls-in-half-open=2"
        })
class CircuitBreakerIntegrationTests {

    static final long SLOW_FAILURE_MS = 300;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    Breakers breakers;

    @Test
    void opensOnFailuresAnswersFastThenHalfOpensAndCloses() throws Exception {
        Api api = new Api(port);
        String token = new Tokens(encoder).member(1);
        CircuitBreaker breaker = breakers.get("test-dependency");

        for (int i = 0; i < 4; i++) {
            long began = System.nanoTime();
            Api.Response failed = api.get("/test/dependency?fail=true&ms=" + SLOW_FAILURE_MS, token);
            assertThat(failed.status()).isEqualTo(503);
            assertThat(millisSince(began)).isGreaterThanOrEqualTo(SLOW_FAILURE_MS);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        long began = System.nanoTime();
        Api.Response open = api.get("/test/dependency?fail=true&ms=" + SLOW_FAILURE_MS, token);
        long openMillis = millisSince(began);
        assertThat(open.status()).isEqualTo(503);
        assertThat(openMillis).as("answered without calling the dependency").isLessThan(SLOW_FAILURE_MS / 2);
        assertThat(open.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(open.header("Retry-After")).isEqualTo("2");
        assertThat(open.json().get("retryAfterMs").asLong()).isEqualTo(1500);
        assertThat(api.get("/test/dependency?fail=false", token).status())
                .as("still open: even a healthy call is not let through")
                .isEqualTo(503);

        Thread.sleep(1_600);
        assertThat(api.get("/test/dependency?fail=false", token).status()).isEqualTo(200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(api.get("/test/dependency?fail=false", token).status()).isEqualTo(200);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        String metrics = Metrics.scrape(managementPort);
        assertThat(metrics).contains("resilience4j_circuitbreaker_state");
        assertThat(metrics)
                .containsPattern(
                        "surge_protection_requests_total\\{[^}]*guard=\"circuit-breaker\",name=\"test-dependency\",outcome=\"rejected\"[^}]*} 2\\.0");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
