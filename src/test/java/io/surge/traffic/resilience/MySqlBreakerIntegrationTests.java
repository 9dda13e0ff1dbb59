package io.surge.traffic.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The mysql breaker around connection acquisition: a pool of one, held, times out every request; after the minimum
 * number of failures the breaker opens and requests get 503 without waiting the connection timeout at all.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=1",
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.connection-timeout=400",
            "surge.resilience.breakers.mysql.sliding-window-size=3",
            "surge.resilience.breakers.mysql.minimum-number-of-calls=3",
            "surge.resilience.breakers.mysql.wait-in-open=1s",
            "surge.resilience.breakers.mysql.permitted-calls-in-half-open=1"
        })
class MySqlBreakerIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    Breakers breakers;

    @Test
    void repeatedPoolTimeoutsOpenTheBreakerAndLaterRequestsFailFast() throws Exception {
        Api api = new Api(port);
        CircuitBreaker breaker = breakers.get(Breakers.MYSQL);
        assertThat(dataSource).isInstanceOf(BreakerDataSource.class);
        try (Connection held = dataSource.getConnection()) {
            breaker.reset();
            // The instance's background work (the coupon settler every second, order expiry, the MySQL watch) waits
            // on the same held pool and its timeouts count too, so the breaker may open before the third request:
            // the requests made while it is closed wait the pool's timeout, every failure it counted was such a wait.
            long waited = 0;
            for (int i = 0; i < 3 && breaker.getState() == CircuitBreaker.State.CLOSED; i++) {
                long began = System.nanoTime();
                Api.Response slow = signUp(api);
                assertThat(slow.status()).isEqualTo(503);
                waited = Math.max(waited, millisSince(began));
            }
            assertThat(waited)
                    .as("a request that met the held pool waited its timeout")
                    .isGreaterThanOrEqualTo(400);
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isGreaterThanOrEqualTo(3);

            long began = System.nanoTime();
            Api.Response fast = signUp(api);
            assertThat(fast.status()).isEqualTo(503);
            assertThat(fast.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(millisSince(began)).isLessThan(200);
            assertThat(fast.json().get("retryAfterMs").asLong()).isEqualTo(1000);
            assertThat(held.isValid(1)).isTrue();
        }
        Thread.sleep(1_100);
        assertThat(signUp(api).status()).isEqualTo(201);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private static Api.Response signUp(Api api) {
        return api.post(
                "/api/auth/signup",
                Map.of(
                        "email",
                        "breaker-" + UUID.randomUUID() + "@example.com",
                        "password",
                        "password123",
                        "name",
                        "B"),
                null);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
