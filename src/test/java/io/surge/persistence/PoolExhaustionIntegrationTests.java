package io.surge.persistence;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A pool of one, its connection held: the request waits the short connection timeout, then gets a fast 503. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "spring.datasource.hikari.maximum-pool-size=1",
            "spring.datasource.hikari.minimum-idle=1",
            "spring.datasource.hikari.connection-timeout=500"
        })
class PoolExhaustionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void exhaustedPoolAnswers503WithRetryAfterWithinTheTimeout() throws Exception {
        Api api = new Api(port);
        try (Connection held = dataSource.getConnection()) {
            long start = System.nanoTime();
            var response = api.post(
                    "/api/auth/signup",
                    Map.of(
                            "email",
                            "pool-" + UUID.randomUUID() + "@example.com",
                            "password",
                            "password123",
                            "name",
                            "P"),
                    null);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(held.isValid(1)).isTrue();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(response.header("Retry-After")).isEqualTo("1");
            assertThat(elapsedMs).isBetween(400L, 2_500L);
        }
        var afterRelease = api.post(
                "/api/auth/signup",
                Map.of("email", "pool-" + UUID.randomUUID() + "@example.com", "password", "password123", "name", "P"),
                null);
        assertThat(afterRelease.status()).isEqualTo(201);
    }
}
