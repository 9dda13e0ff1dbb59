package io.surge.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The JVM twin of k6/surge.js: the same scenarios from the same file, the same flows and outcome classes, run here
 * against the native stage. Gatling prints progress every 5 s and writes its HTML report; after the run this class
 * writes a JSON summary (throughput, p50/p95/p99/max, errors by kind, outcome counts, order latency to PAID) and
 * one row per second for the report's charts.
 */
public class SurgeSimulation extends Simulation {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ScenarioFile file = ScenarioFile.load();
    private final SetupClient setup = new SetupClient(file);
    private final Outcomes outcomes = new Outcomes();
    private final Duration timeout =
            Duration.ofMillis(file.root.path("defaults").path("requestTimeoutMs").asLong(5000));
    private final Instant startedAt = Instant.now();
    private final String admin;
    private final long couponId;
    private final List<SetupClient.Member> members;
    private final List<SetupClient.Member> abusers;
    private volatile boolean selfCharge;

    public SurgeSimulation() {
        admin = setup.adminLogin();
        setup.raiseRateLimits();
        couponId = file.spec.has("campaign")
                ? setup.createCampaign(file.spec.path("campaign").path("totalQuantity").asLong())
                : 0;
        members = setup.pool("m", file.members());
        int abuserClients = 0;
        for (JsonNode p : file.spec.path("populations")) {
            if ("coupon-abuser".equals(p.path("flow").asText())) abuserClients = p.path("clients").asInt();
        }
        abusers = setup.pool("a", abuserClients);
        System.out.printf(
                "[twin] scenario=%s base=%s coupon=%d members=%d abusers=%d scale(duration=%s, rate=%s) capacity=%s%n",
                file.name, file.baseUrl, couponId, members.size(), abusers.size(), file.durationScale,
                file.rateScale, file.capacity);

        HttpProtocolBuilder protocol = http.baseUrl(file.baseUrl)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections()
                .maxConnectionsPerHost(Integer.parseInt(ScenarioFile.knob("MAX_CONNECTIONS", "1500")));
        List<PopulationBuilder> populations = new ArrayList<>();
        for (JsonNode p : file.spec.path("populations")) {
            String name = p.path("name").asText();
            ChainBuilder flow = switch (p.path("flow").asText()) {
                case "coupon" -> issue(name, members, file.expected("expected"));
                case "coupon-abuser" -> issue(name, abusers, file.expected("abuserExpected"));
                case "signup" -> signup(name);
                case "mixed" -> mixed(name);
                default -> throw new IllegalArgumentException("unknown flow " + p.path("flow"));
            };
            populations.add(scenario(name).exec(flow).injectOpen(injection(p)));
        }
        setUp(populations).protocols(protocol).assertions(assertions()).maxDuration(maxDuration());
    }

    // -----------------------------------------------------------------------------------------------------------
    // injection: the same open model as k6's arrival-rate executors

    private OpenInjectionStep[] injection(JsonNode p) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        if ("constant".equals(p.path("executor").asText())) {
            steps.add(constantUsersPerSec(file.rate(p, p.path("rate").asDouble()))
                    .during(Duration.ofSeconds(file.seconds(p.path("durationS").asDouble()))));
        } else {
            double from = p.path("startRate").asDouble(0) == 0 ? 0 : file.rate(p, p.path("startRate").asDouble());
            for (JsonNode st : p.path("stages")) {
                double to = file.rate(p, st.path("target").asDouble());
                Duration d = Duration.ofSeconds(file.seconds(st.path("durationS").asDouble()));
                steps.add(from == to ? constantUsersPerSec(to).during(d) : rampUsersPerSec(from).to(to).during(d));
                from = to;
            }
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }

    /** The arrival rates the run offered, per population: "250" or "250 -> 500 -> 1000". */
    private String targets() {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : file.spec.path("populations")) {
            List<String> rates = new ArrayList<>();
            if ("constant".equals(p.path("executor").asText())) {
                rates.add(String.valueOf((long) file.rate(p, p.path("rate").asDouble())));
            } else {
                if (p.path("startRate").asDouble(0) > 0) rates.add(String.valueOf((long) file.rate(p, p.path("startRate").asDouble())));
                for (JsonNode st : p.path("stages")) {
                    String r = String.valueOf((long) file.rate(p, st.path("target").asDouble()));
                    if (rates.isEmpty() || !rates.getLast().equals(r)) rates.add(r);
                }
            }
            parts.add((file.spec.path("populations").size() > 1 ? p.path("name").asText() + " " : "") + String.join(" → ", rates));
        }
        return String.join(", ", parts);
    }

    private Duration maxDuration() {
        long total = 0;
        for (JsonNode p : file.spec.path("populations")) {
            if (p.has("durationS")) total = Math.max(total, file.seconds(p.path("durationS").asDouble()));
            long sum = 0;
            for (JsonNode st : p.path("stages")) sum += file.seconds(st.path("durationS").asDouble());
            total = Math.max(total, sum);
        }
        return Duration.ofSeconds(total + 60);
    }

    private List<Assertion> assertions() {
        JsonNode slo = file.slo();
        List<Assertion> list = new ArrayList<>();
        list.add(global().responseTime().percentile(95.0).lt(slo.path("p95Ms").asInt()));
        if (slo.has("p99Ms")) list.add(global().responseTime().percentile(99.0).lt(slo.path("p99Ms").asInt()));
        list.add(global().successfulRequests().percent().gt(slo.path("checks").asDouble() * 100));
        return list;
    }

    // -----------------------------------------------------------------------------------------------------------
    // requests: every answer classified, checked against the scenario's correct classes, recorded

    private static final String[] PER_REQUEST = {"status", "code", "reason", "rt", "outcome"};

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    /** The outcome class of an answer from its status and the ProblemDetail code in its body. */
    static String classify(io.gatling.http.response.Response response) {
        int status = response.status().code();
        String code = null;
        if (status >= 400) {
            java.util.regex.Matcher m = CODE.matcher(response.body().string());
            if (m.find()) code = m.group(1);
        }
        return Outcomes.classify(status, code);
    }

    private HttpRequestActionBuilder checked(HttpRequestActionBuilder request, List<String> expected, CheckBuilder... more) {
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(responseTimeInMillis().saveAs("rt"));
        checks.add(status().saveAs("status"));
        checks.add(regex("\"code\"\\s*:\\s*\"([A-Z_]+)\"").optional().saveAs("code"));
        checks.add(regex("\"reason\"\\s*:\\s*\"([a-z-]+)\"").optional().saveAs("reason"));
        checks.addAll(List.of(more));
        HttpRequestActionBuilder r = request.requestTimeout(timeout).check(checks);
        // one conditional check per class (a check sees the session as it was before the request, so the class is
        // computed from the response itself), then the verdict: KO unless the class is one the scenario expects
        for (String c : Outcomes.CLASSES) {
            r = r.checkIf((io.gatling.http.response.Response res, Session s) -> c.equals(classify(res)))
                    .then(status().transform(st -> c).saveAs("outcome"));
            if (!expected.contains(c)) {
                r = r.checkIf((io.gatling.http.response.Response res, Session s) -> c.equals(classify(res)))
                        .then(status().transform(st -> c).is("one of " + expected).name("outcome"));
            }
        }
        return r;
    }

    private ChainBuilder call(String population, String step, HttpRequestActionBuilder request, List<String> expected,
            CheckBuilder... more) {
        return exec(session -> session.removeAll(PER_REQUEST))
                .exec(checked(request, expected, more))
                .exec(session -> {
                    String outcome = session.contains("outcome") ? session.getString("outcome") : "network";
                    Integer rt = session.contains("rt") ? session.getInt("rt") : null;
                    outcomes.record(population, step, outcome, rt);
                    outcomes.status(statusKey(session));
                    return session.set("outcome", outcome);
                });
    }

    /** "201", "409 COUPON_SOLD_OUT", "429 TOO_MANY_REQUESTS concurrency", "502", "no answer": what each answer was. */
    private static String statusKey(Session s) {
        if (!s.contains("status")) return "no answer";
        StringBuilder key = new StringBuilder(String.valueOf(s.getInt("status")));
        if (s.getInt("status") >= 400 && s.contains("code")) key.append(' ').append(s.getString("code"));
        if (s.contains("reason")) key.append(' ').append(s.getString("reason"));
        return key.toString();
    }

    private static boolean ok(Session s) {
        return "ok".equals(s.getString("outcome"));
    }

    private static Function<Session, String> bearer(String key) {
        return s -> "Bearer " + s.getString(key);
    }

    private ChainBuilder issue(String population, List<SetupClient.Member> pool, List<String> expected) {
        return exec(session -> session.set("token", pool.get((int) (session.userId() % pool.size())).token()))
                .exec(call(population, "issue",
                        http("issue").post("/api/coupons/" + couponId + "/issue").header("Authorization", bearer("token")),
                        expected));
    }

    private ChainBuilder signup(String population) {
        String password = file.root.path("setup").path("memberPassword").asText();
        return exec(session -> session.set("email", "signup-twin-" + startedAt.toEpochMilli() + "-" + session.userId()
                        + "@load.surge.test"))
                .exec(call(population, "signup",
                        http("signup").post("/api/auth/signup")
                                .body(StringBody(s -> signupBody(s.getString("email"), password))),
                        file.expected("expected")));
    }

    private static String signupBody(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"name\":\"Load\"}";
    }

    private ChainBuilder mixed(String population) {
        JsonNode mix = file.spec.path("mix");
        String password = file.root.path("setup").path("memberPassword").asText();
        List<String> okOnly = List.of("ok");
        long pollMs = mix.path("orderPollIntervalMs").asLong(250);
        long payTimeout = mix.path("orderPollTimeoutMs").asLong(15000);
        long dispatchTimeout = mix.path("dispatchPollTimeoutMs").asLong(10000);
        long credit = file.root.path("setup").path("walletCredit").asLong();
        return exec(session -> {
                    outcomes.order("iterations");
                    return session.set("email", "mixed-twin-" + startedAt.toEpochMilli() + "-" + session.userId()
                            + "@load.surge.test");
                })
                .exec(call(population, "signup",
                        http("signup").post("/api/auth/signup")
                                .body(StringBody(s -> signupBody(s.getString("email"), password))),
                        okOnly, jmesPath("memberId").optional().saveAs("memberId")))
                .exitHereIf(s -> !ok(s))
                .exec(call(population, "login",
                        http("login").post("/api/auth/login").body(StringBody(s -> "{\"email\":\"" + s.getString("email")
                                + "\",\"password\":\"" + password + "\"}")),
                        okOnly, jmesPath("accessToken").optional().saveAs("token")))
                .exitHereIf(s -> !ok(s))
                .exec(call(population, "issue",
                        http("issue").post("/api/coupons/" + couponId + "/issue").header("Authorization", bearer("token")),
                        file.expected("expected")))
                .exec(call(population, "products",
                        http("products").get(s -> "/api/products?page="
                                        + ThreadLocalRandom.current().nextInt(mix.path("productPages").asInt(5))
                                        + "&size=" + mix.path("pageSize").asInt(20))
                                .header("Authorization", bearer("token")),
                        okOnly, jmesPath("content[*].productId").ofList().optional().saveAs("productIds")))
                .exitHereIf(s -> !ok(s) || !s.contains("productIds") || s.getList("productIds").isEmpty())
                .exec(s -> {
                    List<Object> ids = s.getList("productIds");
                    return s.set("productId", ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                })
                .exec(call(population, "product",
                        http("product").get(s -> "/api/products/" + s.get("productId"))
                                .header("Authorization", bearer("token")),
                        okOnly, jmesPath("options[*].optionId").ofList().optional().saveAs("optionIds")))
                .exitHereIf(s -> !ok(s)
                        || ThreadLocalRandom.current().nextDouble() >= mix.path("orderProbability").asDouble()
                        || !s.contains("optionIds") || s.getList("optionIds").isEmpty())
                .exec(creditWallet(population, credit))
                .exitHereIf(s -> !ok(s))
                .exec(s -> {
                    List<Object> ids = s.getList("optionIds");
                    return s.set("optionId", ids.get(ThreadLocalRandom.current().nextInt(ids.size())))
                            .set("placedAt", System.currentTimeMillis());
                })
                .exec(call(population, "order",
                        http("order").post("/api/orders").header("Authorization", bearer("token"))
                                .body(StringBody(s -> "{\"items\":[{\"optionId\":" + s.get("optionId")
                                        + ",\"quantity\":1}]}")),
                        okOnly, jmesPath("orderId").optional().saveAs("orderId")))
                .exitHereIf(s -> !ok(s))
                .exec(s -> {
                    outcomes.order("placed");
                    return s;
                })
                .exec(call(population, "pay",
                        http("pay").post(s -> "/api/orders/" + s.get("orderId") + "/payment")
                                .header("Authorization", bearer("token")),
                        okOnly))
                .exec(s -> s.set("orderStatus", "PENDING").set("dispatchStatus", "NOT_READY"))
                .asLongAs(s -> ok(s) && !terminal(s.getString("orderStatus"))
                        && System.currentTimeMillis() - s.getLong("placedAt") < payTimeout)
                .on(pause(Duration.ofMillis(pollMs)).exec(poll(population)))
                .exec(s -> {
                    String status = s.getString("orderStatus");
                    if ("PAID".equals(status)) {
                        outcomes.orderPaid((int) (System.currentTimeMillis() - s.getLong("placedAt")));
                    } else {
                        outcomes.order("PAYMENT_FAILED".equals(status) ? "paymentFailed" : "unfinished");
                    }
                    return s.set("dispatchFrom", System.currentTimeMillis());
                })
                .exitHereIf(s -> !"PAID".equals(s.getString("orderStatus")))
                .asLongAs(s -> !"SENT".equals(s.getString("dispatchStatus"))
                        && !"FAILED".equals(s.getString("dispatchStatus"))
                        && System.currentTimeMillis() - s.getLong("dispatchFrom") < dispatchTimeout)
                .on(pause(Duration.ofMillis(pollMs)).exec(poll(population)))
                .exec(s -> {
                    String d = s.getString("dispatchStatus");
                    outcomes.order("SENT".equals(d) ? "dispatchSent" : "FAILED".equals(d) ? "dispatchFailed" : "dispatchPending");
                    return s;
                });
    }

    private static boolean terminal(String status) {
        return "PAID".equals(status) || "PAYMENT_FAILED".equals(status);
    }

    private ChainBuilder poll(String population) {
        return exec(s -> s.set("previousStatus", s.getString("orderStatus")).set("previousDispatch", s.getString("dispatchStatus")))
                .exec(call(population, "poll",
                        http("poll").get(s -> "/api/orders/" + s.get("orderId")).header("Authorization", bearer("token")),
                        List.of("ok"),
                        jmesPath("status").optional().saveAs("orderStatus"),
                        jmesPath("dispatchStatus").optional().saveAs("dispatchStatus")))
                .exec(s -> ok(s) ? s : s.set("outcome", "ok")); // a failed poll is recorded; the loop keeps polling
    }

    /** The admin credit (COMMON interface 2); while that answers 404 (not deployed), the member self-charge. */
    private ChainBuilder creditWallet(String population, long amount) {
        String body = "{\"amount\":" + amount + "}";
        return doIf(s -> !selfCharge && s.contains("memberId"))
                .then(exec(call(population, "credit",
                                http("credit").post(s -> "/api/admin/members/" + s.get("memberId") + "/wallet/credit")
                                        .header("Authorization", "Bearer " + admin)
                                        .body(StringBody(body)),
                                List.of("ok", "client_error")))
                        .exec(s -> {
                            if (s.getInt("status") == 404 && !"MEMBER_NOT_FOUND".equals(s.getString("code"))) {
                                selfCharge = true;
                            }
                            return s;
                        }))
                .doIf(s -> selfCharge)
                .then(call(population, "credit",
                        http("charge").post("/api/members/me/wallet/charge").header("Authorization", bearer("token"))
                                .body(StringBody(body)),
                        List.of("ok")));
    }

    // -----------------------------------------------------------------------------------------------------------
    // summary

    @Override
    public void after() {
        setup.restoreRateLimits();
        Instant finishedAt = Instant.now();
        double seconds = Math.max(1, Duration.between(startedAt, finishedAt).toMillis() / 1000.0);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("tool", "gatling");
        summary.put("scenario", file.name);
        summary.put("description", file.spec.path("description").asText());
        summary.put("baseUrl", file.baseUrl);
        summary.put("capacityRps", file.capacity);
        summary.put("durationScale", file.durationScale);
        summary.put("rateScale", file.rateScale);
        summary.put("startedAt", startedAt.toString());
        summary.put("finishedAt", finishedAt.toString());
        summary.put("members", members.size());
        summary.put("targetRps", targets());
        summary.put("iterations", outcomes.orders("iterations"));
        Map<String, Object> pops = new LinkedHashMap<>();
        long requests = 0;
        Map<String, Long> all = new LinkedHashMap<>();
        for (JsonNode p : file.spec.path("populations")) {
            String name = p.path("name").asText();
            long n = outcomes.total(name);
            requests += n;
            Map<String, Object> pop = new LinkedHashMap<>();
            pop.put("requests", n);
            pop.put("latencyMs", outcomes.latency(name));
            Map<String, Long> o = outcomes.outcomes(name);
            pop.put("outcomes", o);
            o.forEach((k, v) -> all.merge(k, v, Long::sum));
            pops.put(name, pop);
        }
        List<Map<String, Object>> series = outcomes.timeSeries();
        long activeSeconds = Math.max(1, series.size());
        summary.put("requests", requests);
        summary.put("throughputRps", requests / (double) activeSeconds);
        summary.put("latencyMs", outcomes.latencyAll());
        summary.put("outcomes", all);
        Map<String, Long> errors = new LinkedHashMap<>();
        for (String k : List.of("conflict_other", "throttled", "unavailable", "client_error", "server_error", "network")) {
            errors.put(k, all.getOrDefault(k, 0L));
        }
        summary.put("errorsByKind", errors);
        summary.put("populations", pops);
        summary.put("steps", outcomes.steps());
        summary.put("statuses", outcomes.statuses());
        Map<String, Object> orders = new LinkedHashMap<>();
        for (String k : List.of("placed", "paid", "paymentFailed", "unfinished", "dispatchSent", "dispatchFailed", "dispatchPending")) {
            orders.put(k, outcomes.orders(k));
        }
        orders.put("paidLatencyMs", outcomes.orderPaid());
        summary.put("orders", orders);
        summary.put("slo", sloVerdicts(all));
        summary.put("timeSeries", series);
        summary.put("wallSeconds", seconds);
        try {
            Path dir = file.repo.resolve("target/load");
            Files.createDirectories(dir);
            String out = ScenarioFile.knob("SUMMARY", dir.resolve("twin-" + file.name + "-" + startedAt.getEpochSecond() + ".json").toString());
            Files.writeString(Path.of(out), JSON.writeValueAsString(summary));
            System.out.println("[twin] summary JSON: " + out);
            System.out.printf("[twin] %s: %d answers, %.1f/s, latency %s, outcomes %s, orders %s%n", file.name, requests,
                    requests / (double) activeSeconds, outcomes.latencyAll(), all, orders);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
    }

    /** The scenario's SLOs evaluated on the recorded outcomes (Gatling's own assertions cover latency and KO %). */
    private Map<String, Object> sloVerdicts(Map<String, Long> all) {
        JsonNode slo = file.slo();
        Map<String, Object> verdicts = new LinkedHashMap<>();
        List<String> primary = new ArrayList<>();
        for (JsonNode p : file.spec.path("populations")) {
            if (!"coupon-abuser".equals(p.path("flow").asText())) primary.add(p.path("name").asText());
        }
        for (String name : primary) {
            long n = Math.max(1, outcomes.total(name));
            Outcomes.Percentiles lat = outcomes.latency(name);
            verdicts.put(name + " p95 < " + slo.path("p95Ms").asInt() + " ms", verdict(lat.p95(), slo.path("p95Ms").asDouble(), true));
            if (slo.has("p99Ms")) verdicts.put(name + " p99 < " + slo.path("p99Ms").asInt() + " ms", verdict(lat.p99(), slo.path("p99Ms").asDouble(), true));
            long correct = 0;
            for (String c : file.expected("expected")) correct += outcomes.count(name, c);
            verdicts.put(name + " checks > " + slo.path("checks").asDouble(), verdict(correct / (double) n, slo.path("checks").asDouble(), false));
            slo.path("maxRate").fields().forEachRemaining(e -> verdicts.put(
                    name + " rate " + e.getKey() + " <= " + e.getValue().asDouble(),
                    verdictAtMost(outcomes.count(name, e.getKey()) / (double) n, e.getValue().asDouble())));
        }
        if (slo.has("abuserThrottledMinRate")) {
            double rate = outcomes.count("abusers", "throttled") / (double) Math.max(1, outcomes.total("abusers"));
            verdicts.put("abusers rate throttled >= " + slo.path("abuserThrottledMinRate").asDouble(),
                    verdict(rate, slo.path("abuserThrottledMinRate").asDouble(), false));
        }
        if (slo.has("orderPaidP95Ms")) {
            verdicts.put("order placed -> PAID p95 < " + slo.path("orderPaidP95Ms").asInt() + " ms",
                    verdict(outcomes.orderPaid().p95(), slo.path("orderPaidP95Ms").asDouble(), true));
        }
        if (slo.has("ordersPaidRate")) {
            long placed = outcomes.orders("placed");
            verdicts.put("orders PAID rate >= " + slo.path("ordersPaidRate").asDouble(),
                    verdict(placed == 0 ? null : outcomes.orders("paid") / (double) placed, slo.path("ordersPaidRate").asDouble(), false));
        }
        return verdicts;
    }

    private static Map<String, Object> verdict(Number actual, double limit, boolean below) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("actual", actual);
        v.put("limit", limit);
        v.put("met", actual != null && (below ? actual.doubleValue() < limit : actual.doubleValue() >= limit));
        return v;
    }

    private static Map<String, Object> verdictAtMost(double actual, double limit) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("actual", actual);
        v.put("limit", limit);
        v.put("met", actual <= limit);
        return v;
    }
}
