package io.surge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.RawHttp;
import io.surge.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fuzzer in {@code ./mvnw verify}: seeded hostile requests ({@link FuzzRequests}) against every route the
 * application maps (read from the handler mapping, so a new endpoint is fuzzed without touching this class), with and
 * without valid, admin and malformed tokens. The oracle: never a 5xx, never a stack trace or HTML, and every 4xx an
 * {@code application/problem+json} whose {@code code} is a stable upper-case name, including the answers Tomcat gives
 * before Spring sees the request. On main this found a 500 for a token header of JSON {@code null} and HTML pages for
 * encoded path segments.
 *
 * <p>Default: 1,500 requests, seed 20261201 (about 10 s; 6,000 took 22 s on the 2-core box). Longer or another seed:
 * {@code ./mvnw verify -Dtest=ApiFuzzIntegrationTests -Dsurge.fuzz.requests=50000 -Dsurge.fuzz.seed=7}.
 */
@IntegrationTest
class ApiFuzzIntegrationTests {

    static final long SEED = Long.getLong("surge.fuzz.seed", 20261201L);
    static final int REQUESTS = Integer.getInteger("surge.fuzz.requests", 1500);
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,60}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    io.surge.redis.RedisKeyspace keyspace;

    @Autowired
    io.surge.security.SecurityProperties security;

    @Test
    void noRequestGetsA5xxAndEveryRefusalIsAProblemWithACode() {
        Api api = new Api(port);
        String email = "fuzz-" + UUID.randomUUID() + "@example.com";
        String[] member = {api.signUpAndLogIn(email)};
        Tokens tokens = new Tokens(encoder);
        java.util.Random tokenRandom = new java.util.Random(SEED);
        List<String> routes = routes();
        FuzzRequests requests = new FuzzRequests(
                SEED,
                routes,
                () -> tokenRandom.nextInt(4) == 0 ? tokens.member(1_000_000 + tokenRandom.nextInt(1_000)) : member[0],
                () -> tokens.admin(2_000_000 + tokenRandom.nextInt(1_000)),
                () -> forged(tokenRandom),
                (int) security.maxRequestBytes());

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> fuzzed = new TreeSet<>();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            FuzzRequests.Request request = requests.next();
            RawHttp.Answer answer = RawHttp.send(port, request.head(), request.body());
            statuses.merge(answer.status(), 1, Integer::sum);
            if (request.route() != null) {
                fuzzed.add(request.route());
            }
            String problem = judge(request, answer);
            if (problem != null) {
                failures.add("#" + i + " " + problem + "\n    request: " + request.describe() + "\n    answer: "
                        + answer.head().replace("\r\n", " | ") + " || "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
            if (request.head().startsWith("POST /api/auth/logout") && answer.status() == 204) {
                member[0] = api.logIn(email, "password123"); // the fuzzer logged its own member out
            }
        }
        System.out.printf("fuzz: seed %d, %d requests, statuses %s%n", SEED, REQUESTS, statuses);
        assertThat(failures)
                .as("seed %d: rerun with -Dsurge.fuzz.seed=%d -Dsurge.fuzz.requests=%d", SEED, SEED, REQUESTS)
                .isEmpty();
        if (REQUESTS >= 400) {
            assertThat(fuzzed).as("every mapped route was fuzzed").containsAll(routes);
        }
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    static String judge(FuzzRequests.Request request, RawHttp.Answer answer) {
        if (answer.status() < 100) {
            return "no HTTP answer";
        }
        if (answer.status() >= 500) {
            return "server error " + answer.status();
        }
        if (answer.status() < 400) {
            return null;
        }
        String body = answer.body();
        if (body.contains("Exception")
                || body.contains("at io.surge")
                || body.toLowerCase().contains("<html")) {
            return "internals or HTML in the body";
        }
        if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
            return "refusal without a problem document: " + answer.contentType();
        }
        if (request.method().equals("HEAD")) {
            return null;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "problem body is not JSON";
        }
        String code = problem.path("code").asString("");
        if (!CODE.matcher(code).matches()) {
            return "problem without a stable code: '" + code + "'";
        }
        if (problem.path("status").asInt() != answer.status()) {
            return "problem status " + problem.path("status") + " differs from " + answer.status();
        }
        return null;
    }

    /** Every route the application maps, except the error page and the test-only controller. */
    private List<String> routes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<String> methods = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .collect(java.util.stream.Collectors.toSet());
            info.getPatternValues().stream()
                    .filter(p -> !p.startsWith("/test/") && !p.equals("/error"))
                    .forEach(p -> (methods.isEmpty() ? Set.of("*") : methods).forEach(m -> routes.add(m + " " + p)));
        });
        routes.addAll(List.of("GET /healthz", "GET /readyz", "GET /actuator/health", "GET /actuator/prometheus"));
        assertThat(routes).contains("POST /api/auth/login", "POST /api/coupons/{couponId}/issue", "POST /api/orders");
        return List.copyOf(routes);
    }

    /** Signed with the application's own key, so only the claims are wrong: the decoder's second line of defence. */
    private String forged(java.util.Random random) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuedAt(now).expiresAt(now.plusSeconds(600));
        switch (random.nextInt(8)) {
            case 0 ->
                claims.issuer("someone-else").audience(List.of("surge-api")).subject("1");
            case 1 -> claims.issuer("surge").audience(List.of("other-api")).subject("1");
            case 2 -> claims.issuer("surge").audience(List.of("surge-api")).subject("not-a-number");
            case 3 ->
                claims.issuer("surge")
                        .audience(List.of("surge-api"))
                        .subject("1")
                        .claim("roles", 7);
            case 4 ->
                claims.issuer("surge")
                        .audience(List.of("surge-api"))
                        .subject("1")
                        .claim("roles", List.of(List.of("ADMIN")));
            case 5 ->
                claims.issuer("surge")
                        .audience(List.of("surge-api"))
                        .subject("1")
                        .claim("ver", "x");
            case 6 ->
                claims.issuer("surge")
                        .audience(List.of("surge-api"))
                        .subject("99999999999999999999")
                        .claim("roles", List.of("ADMIN"));
            default -> claims.subject("1").expiresAt(now.minusSeconds(3600)).issuedAt(now.minusSeconds(7200));
        }
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    /**
     * Admin calls with random bodies may have paused consumers or changed limits, and junk logins counted against
     * 127.0.0.1: undone, so the tests after this one see the application as they expect it.
     */
    @AfterEach
    void undoWhatTheFuzzerChanged() {
        Api api = new Api(port);
        String admin = new Tokens(encoder).admin(3_000_000);
        api.post("/api/admin/consumers/resume", "{}", admin);
        for (JsonNode limit : api.get("/api/admin/rate-limits", admin).json().path("limits")) {
            String name = limit.path("name").asString("");
            if (!name.isEmpty()) {
                api.send(api.request("/api/admin/rate-limits/" + name, admin)
                        .DELETE()
                        .build());
            }
        }
        Set<String> keys = redis.keys(keyspace.key("login:*"));
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
