package io.surge.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failed logins are counted per email and IP, per email and per IP; past a cap even the right password gets 429 from
 * there, and each attempt is reserved before the password is checked.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "server.tomcat.remoteip.remote-ip-header=X-Real-IP",
            "surge.rate-limit.login.max-failures-per-email-and-ip=3",
            "surge.rate-limit.login.max-failures-per-email=5",
            "surge.rate-limit.login.max-failures-per-ip=6",
            "surge.rate-limit.login.window=1m"
        })
class LoginGuardIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    /** On main any 3 (default 10) failures locked the real owner out for the whole window, from anywhere. */
    @Test
    void aGuesserAtOneAddressLocksThatAddressOutButNotTheOwner() {
        Api api = new Api(port);
        String email = signUp(api);

        for (int i = 0; i < 3; i++) {
            assertThat(login(api, email, "wrong-password", "198.51.100.1").status())
                    .isEqualTo(401);
        }
        Api.Response locked = login(api, email, "password123", "198.51.100.1");
        Api.Response owner = login(api, email, "password123", "198.51.100.2");

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.code()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(locked.json().get("reason").asString()).isEqualTo("login-attempts");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(locked.header("RateLimit-Policy")).startsWith("\"login-email-ip\";q=3;");
        assertThat(owner.status()).isEqualTo(200);
    }

    @Test
    void guessesSpreadOverManyAddressesLockTheEmailEverywhere() {
        Api api = new Api(port);
        String email = signUp(api);

        for (int i = 0; i < 5; i++) {
            assertThat(login(api, email, "wrong-password", "198.51.101." + i).status())
                    .isEqualTo(401);
        }
        Api.Response anywhere = login(api, email, "password123", "198.51.101.99");

        assertThat(anywhere.status()).isEqualTo(429);
        assertThat(anywhere.header("RateLimit-Policy")).startsWith("\"login-email\";q=5;");
        String other = signUp(api);
        assertThat(login(api, other, "password123", "198.51.101.99").status()).isEqualTo(200);
    }

    /**
     * On main the count was read before bcrypt and raised after it: 60 parallel guesses for one email all reached the
     * password check. Now each attempt is reserved atomically first, so at most the cap (3 here) get that far.
     */
    @Test
    void aParallelBurstForOneEmailLetsAtMostTheCapReachThePasswordCheck() throws Exception {
        Api api = new Api(port);
        String email = signUp(api);
        int burst = 60;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Api.Response>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(burst)) {
            for (int i = 0; i < burst; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(api, email, "wrong-password", "198.51.102.1");
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (var answer : answers) {
                statuses.merge(answer.get().status(), 1, Integer::sum);
            }
            assertThat(statuses).containsOnlyKeys(401, 429);
            assertThat(statuses.get(401)).as("%s", statuses).isBetween(1, 3);
            assertThat(statuses.get(429)).isEqualTo(burst - statuses.get(401));
        }
        assertThat(login(api, email, "password123", "198.51.102.2").status()).isEqualTo(200);
    }

    @Test
    void anIpIsLockedAfterTooManyFailuresAcrossEmails() {
        Api api = new Api(port);
        String victim = signUp(api);

        for (int i = 0; i < 6; i++) {
            String guessed = "nobody-" + UUID.randomUUID() + "@example.com";
            assertThat(login(api, guessed, "wrong-password", "203.0.113.7").status())
                    .isEqualTo(401);
        }
        Api.Response fromAbuser = login(api, victim, "password123", "203.0.113.7");
        Api.Response fromElsewhere = login(api, victim, "password123", "203.0.113.8");

        assertThat(fromAbuser.status()).isEqualTo(429);
        assertThat(fromAbuser.header("RateLimit-Policy")).startsWith("\"login-ip\";q=6;");
        assertThat(fromElsewhere.status()).isEqualTo(200);
    }

    @Test
    void aSuccessClearsTheEmailsCount() {
        Api api = new Api(port);
        String email = signUp(api);

        for (int round = 0; round < 3; round++) {
            assertThat(login(api, email, "wrong-password", "192.0.2.1" + round).status())
                    .isEqualTo(401);
            assertThat(login(api, email, "wrong-password", "192.0.2.1" + round).status())
                    .isEqualTo(401);
            assertThat(login(api, email, "password123", "192.0.2.2" + round).status())
                    .isEqualTo(200);
        }
    }

    private static String signUp(Api api) {
        String email = "guard-" + UUID.randomUUID() + "@example.com";
        Api.Response signup =
                api.post("/api/auth/signup", Map.of("email", email, "password", "password123", "name", "G"), null);
        assertThat(signup.status()).isEqualTo(201);
        return email;
    }

    private static Api.Response login(Api api, String email, String password, String ip) {
        HttpRequest request = api.request("/api/auth/login", null)
                .header("Content-Type", "application/json")
                .header("X-Real-IP", ip)
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("email", email, "password", password))))
                .build();
        return api.send(request);
    }
}
