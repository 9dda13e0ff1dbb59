package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.test.context.TestPropertySource;

/**
 * A signup flood at a real bcrypt cost holds at most the hashing budget (1 here) of CPU: the excess is refused at once
 * with 429 {@code reason=password-hashing}, and another route keeps answering meanwhile. On main every signup queued
 * its bcrypt on the request threads and none was refused.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "surge.member.password-hash-cost=12",
            "surge.member.password-hash-concurrency=1",
            "surge.member.password-hash-max-wait=10ms"
        })
class PasswordHashBudgetIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    JwtEncoder encoder;

    @Test
    void aSignupFloodIsBoundedAndAnotherRouteStillAnswers() throws Exception {
        Api api = new Api(port);
        String member = new Tokens(encoder).member(424_242);
        int flood = 30;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger maxInFlight = new AtomicInteger();
        List<Future<Api.Response>> signups = new ArrayList<>();
        List<Integer> otherRoute = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(flood + 1)) {
            pool.submit(() -> {
                while (flooding.get()) {
                    double now = registry.get("surge.member.password.hashes.active")
                            .gauge()
                            .value();
                    maxInFlight.accumulateAndGet((int) now, Math::max);
                    Thread.onSpinWait();
                }
            });
            for (int i = 0; i < flood; i++) {
                signups.add(pool.submit(() -> {
                    start.await();
                    return api.signUpNew("flood");
                }));
            }
            start.countDown();
            for (int i = 0; i < 10; i++) {
                otherRoute.add(api.get("/api/members/me/wallet", member).status());
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<Api.Response> refused = new ArrayList<>();
            for (Future<Api.Response> signup : signups) {
                Api.Response response = signup.get();
                statuses.merge(response.status(), 1, Integer::sum);
                if (response.status() == 429) {
                    refused.add(response);
                }
            }
            flooding.set(false);

            assertThat(statuses).containsOnlyKeys(201, 429);
            assertThat(statuses.get(201)).as("%s", statuses).isPositive();
            assertThat(refused).as("%s", statuses).isNotEmpty();
            for (Api.Response response : refused) {
                assertThat(response.code()).isEqualTo("TOO_MANY_REQUESTS");
                assertThat(response.json().get("reason").asString()).isEqualTo("password-hashing");
                assertThat(response.header("Retry-After")).isEqualTo("1");
            }
        }
        assertThat(otherRoute).containsOnly(200);
        assertThat(maxInFlight.get()).isLessThanOrEqualTo(1);
    }
}
