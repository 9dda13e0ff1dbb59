package io.surge.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Api;
import io.surge.support.Instances;
import io.surge.support.Tokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Two instances (two Spring contexts, one Redis) enforce one budget: LOCAL limits split it by the live-instance count,
 * REDIS limits count exactly, and a runtime change made on one instance is enforced by the other within a second.
 */
class RateLimitClusterIntegrationTests {

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static Api apiA;
    static Api apiB;
    static JwtEncoder encoder;

    @BeforeAll
    static void startTwoInstances() {
        String cluster = Instances.newCluster();
        Map<String, Object> props = new HashMap<>();
        props.put("surge.rate-limit.sync-interval", "200ms");
        props.put("surge.rate-limit.instance-ttl", "1s");
        limit(props, "test-global", "GET /test/ping", "global", "local", 20);
        limit(props, "test-member", "GET /test/member-ping", "member", "local", 4);
        limit(props, "test-ip", "GET /test/ip-ping", "ip", "redis", 5);
        limit(props, "test-tunable", "GET /test/tunable", "ip", "redis", 2);
        a = Instances.start(cluster, props);
        b = Instances.start(cluster, props);
        apiA = new Api(Instances.port(a));
        apiB = new Api(Instances.port(b));
        encoder = a.getBean(JwtEncoder.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> live(a) == 2 && live(b) == 2);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void localGlobalBudgetIsSplitBetweenTheLiveInstances() {
        String token = new Tokens(encoder).member(100);

        int allowedA = countAllowed(apiA, "/test/ping", token, 15);
        int allowedB = countAllowed(apiB, "/test/ping", token, 15);

        assertThat(allowedA).isEqualTo(10);
        assertThat(allowedB).isEqualTo(10);
    }

    @Test
    void localMemberBudgetIsPerMemberAndSplitToo() {
        String abuser = new Tokens(encoder).member(200);
        String other = new Tokens(encoder).member(201);

        int abuserAllowed =
                countAllowed(apiA, "/test/member-ping", abuser, 5) + countAllowed(apiB, "/test/member-ping", abuser, 5);

        assertThat(abuserAllowed).isEqualTo(4);
        assertThat(apiA.get("/test/member-ping", other).status()).isEqualTo(200);
        assertThat(apiB.get("/test/member-ping", other).status()).isEqualTo(200);
    }

    @Test
    void redisBudgetIsExactAcrossInstancesAndRefusalsCarryHeaders() {
        String token = new Tokens(encoder).member(300);
        int allowed = 0;
        Api.Response refused = null;
        for (int i = 0; i < 8; i++) {
            Api.Response response = (i % 2 == 0 ? apiA : apiB).get("/test/ip-ping", token);
            if (response.status() == 200) {
                allowed++;
            } else {
                assertThat(response.status()).isEqualTo(429);
                refused = response;
            }
        }

        assertThat(allowed).isEqualTo(5);
        assertThat(refused).isNotNull();
        assertThat(refused.code()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(refused.json().get("reason").asString()).isEqualTo("rate-limit");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"test-ip\";q=5;w=5000");
        assertThat(refused.header("RateLimit")).matches("\"test-ip\";r=0;t=\\d+");
    }

    @Test
    void runtimeChangeOnOneInstanceIsEnforcedByBoth() {
        String admin = new Tokens(encoder).admin(1);
        String member = new Tokens(encoder).member(400);
        assertThat(countAllowed(apiA, "/test/tunable", member, 3)).isEqualTo(2);
        assertThat(apiB.get("/test/tunable", member).status()).isEqualTo(429);

        long changedAt = System.nanoTime();
        Api.Response change = apiA.put(
                "/api/admin/rate-limits",
                Map.of("limits", Map.of("test-tunable", Map.of("capacity", 1000, "refillPerSecond", 1000))),
                admin);
        assertThat(change.status()).isEqualTo(200);
        assertThat(apiA.get("/test/tunable", member).status()).isEqualTo(200);
        await().atMost(Duration.ofMillis(1500))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> effectiveCapacity(apiB, admin, "test-tunable") == 1000);
        long appliedMillis = (System.nanoTime() - changedAt) / 1_000_000;
        assertThat(appliedMillis).isLessThan(1_500);
        for (int i = 0; i < 5; i++) {
            assertThat(apiB.get("/test/tunable", member).status()).isEqualTo(200);
        }

        Api.Response view = apiB.get("/api/admin/rate-limits", admin);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("liveInstances").asInt()).isEqualTo(2);
        var tunable = findLimit(view, "test-tunable");
        assertThat(tunable.get("effective").get("refillPerSecond").asDouble()).isEqualTo(1000.0);
        assertThat(tunable.get("boot").get("capacity").asLong()).isEqualTo(2);
        assertThat(tunable.get("overridden").asBoolean()).isTrue();

        Api.Response reset = apiB.send(apiB.request("/api/admin/rate-limits/test-tunable", admin)
                .DELETE()
                .build());
        assertThat(reset.status()).isEqualTo(200);
        await().atMost(Duration.ofMillis(1500)).until(() -> effectiveCapacity(apiA, admin, "test-tunable") == 2);
    }

    @Test
    void adminChangesAreValidatedAndNeedTheAdminRole() {
        String admin = new Tokens(encoder).admin(1);
        String member = new Tokens(encoder).member(500);
        Map<String, Object> valid =
                Map.of("limits", Map.of("test-tunable", Map.of("capacity", 5, "refillPerSecond", 1)));

        assertThat(apiA.put("/api/admin/rate-limits", valid, member).status()).isEqualTo(403);
        assertThat(apiA.get("/api/admin/rate-limits", null).status()).isEqualTo(401);

        Api.Response unknown = apiA.put(
                "/api/admin/rate-limits",
                Map.of("limits", Map.of("no-such-limit", Map.of("capacity", 5, "refillPerSecond", 1))),
                admin);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_RATE_LIMIT");

        Api.Response invalid = apiA.put(
                "/api/admin/rate-limits",
                Map.of("limits", Map.of("test-tunable", Map.of("capacity", 0, "refillPerSecond", -1))),
                admin);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");

        Api.Response malformed = apiA.put("/api/admin/rate-limits", "{\"limits\":", admin);
        assertThat(malformed.status()).isEqualTo(400);
    }

    private static long effectiveCapacity(Api api, String admin, String name) {
        return findLimit(api.get("/api/admin/rate-limits", admin), name)
                .get("effective")
                .get("capacity")
                .asLong();
    }

    private static tools.jackson.databind.JsonNode findLimit(Api.Response view, String name) {
        for (var limit : view.json().get("limits")) {
            if (limit.get("name").asString().equals(name)) {
                return limit;
            }
        }
        throw new AssertionError("limit " + name + " not listed: " + view.body());
    }

    private static int countAllowed(Api api, String path, String token, int requests) {
        int allowed = 0;
        for (int i = 0; i < requests; i++) {
            int status = api.get(path, token).status();
            assertThat(status).isIn(200, 429);
            if (status == 200) {
                allowed++;
            }
        }
        return allowed;
    }

    private static int live(ConfigurableApplicationContext context) {
        return context.getBean(RateLimitAdministration.class).snapshot().liveInstances();
    }

    private static void limit(
            Map<String, Object> props, String name, String route, String scope, String mode, long capacity) {
        String prefix = "surge.rate-limit.limits." + name + ".";
        props.put(prefix + "route", route);
        props.put(prefix + "scope", scope);
        props.put(prefix + "mode", mode);
        props.put(prefix + "capacity", capacity);
        props.put(prefix + "refill-per-second", 0.001);
    }
}
