package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class SignupRaceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyConcurrentSignupsWithOneEmailCreateExactlyOneMember() throws Exception {
        Api api = new Api(port);
        String email = "race-" + UUID.randomUUID() + "@example.com";
        int threads = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.post(
                            "/api/auth/signup", Map.of("email", email, "password", "password123", "name", "R"), null);
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                responses.add(f.get());
            }

            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses)
                    .filteredOn(r -> r.status() != 201)
                    .hasSize(threads - 1)
                    .allSatisfy(r -> {
                        assertThat(r.status()).isEqualTo(409);
                        assertThat(r.code()).isEqualTo("EMAIL_ALREADY_REGISTERED");
                    });
        }
        Integer rows = jdbc.sql("SELECT COUNT(*) FROM member WHERE email = ?")
                .param(email)
                .query(Integer.class)
                .single();
        assertThat(rows).isEqualTo(1);
    }
}
