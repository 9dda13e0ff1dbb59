package io.surge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.BenchmarkReport;
import io.surge.support.Instances;
import io.surge.support.Tokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Cost of traffic protection, side by side in one run: three instances in this JVM, identical but for protection —
 * {@code off} (admission, rate limits, breakers disabled), {@code local} (everything on; the member and global limits
 * as LOCAL buckets, as configured for coupon issue) and {@code redis} (everything on, but the per-member limit as a
 * REDIS bucket: the extra round trip per request the cost budget rules out for hot routes). wrk drives each in turn,
 * rounds interleaved so drift on a shared box hits all variants alike, over three authenticated routes:
 * {@code GET /test/ping} (token check only), {@code GET /test/issue} (one Redis INCR through the redis breaker) and the
 * real {@code POST /api/coupons/{id}/issue} (one Lua round trip; 201 for a member's first request, 409 after).
 * Requests rotate over 2,000 members' tokens. Limits are set high: this measures what the checks cost, not shedding.
 *
 * <p>Run (needs wrk on the PATH, MariaDB/MySQL and Redis on 127.0.0.1):
 * {@code ./mvnw verify -Pbenchmark -Dtest=ProtectionBenchmark}; optional {@code -Dbench.rounds=3 -Dbench.seconds=8
 * -Dbench.connections=32 -Dbench.warmup=10}.
 */
@Tag("benchmark")
class ProtectionBenchmark {

    static final List<String> VARIANTS = List.of("off", "local", "redis");
    static final int MEMBERS = 2_000;
    static final long HIGH = 1_000_000_000L;

    @Test
    void protectionCostsLittleOnHotRoutes() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        int seconds = Integer.getInteger("bench.seconds", 8);
        int connections = Integer.getInteger("bench.connections", 32);
        int warmUp = Integer.getInteger("bench.warmup", 10);

        Map<String, ConfigurableApplicationContext> apps = new LinkedHashMap<>();
        for (String variant : VARIANTS) {
            apps.put(variant, Instances.start(Instances.newCluster(), properties(variant)));
        }
        try {
            Tokens tokens = new Tokens(apps.get("off").getBean(JwtEncoder.class));
            StringRedisTemplate redis = apps.get("off").getBean(StringRedisTemplate.class);
            redisInfo = () -> redis.execute((RedisCallback<java.util.Properties>)
                    connection -> connection.serverCommands().info("cpu"));
            Map<String, Path> scripts = Map.of("GET", script(tokens, "GET"), "POST", script(tokens, "POST"));
            Map<String, Map<String, String>> urls = new LinkedHashMap<>();
            for (var app : apps.entrySet()) {
                String base = "http://127.0.0.1:" + Instances.port(app.getValue());
                long couponId = openCampaign(new Api(Instances.port(app.getValue())), tokens.admin(1));
                urls.computeIfAbsent("GET /test/ping", k -> new LinkedHashMap<>())
                        .put(app.getKey(), base + "/test/ping");
                urls.computeIfAbsent("GET /test/issue", k -> new LinkedHashMap<>())
                        .put(app.getKey(), base + "/test/issue");
                urls.computeIfAbsent("POST /api/coupons/{id}/issue", k -> new LinkedHashMap<>())
                        .put(app.getKey(), base + "/api/coupons/" + couponId + "/issue");
            }

            BenchmarkReport report = new BenchmarkReport("traffic-protection-cost")
                    .context("tool", "wrk -t1 -c" + connections + " -d" + seconds + "s")
                    .context("rounds", rounds + " interleaved, median reported, after " + warmUp + " s warm-up each")
                    .context(
                            "load_average_at_start",
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                    .context("cpus", Runtime.getRuntime().availableProcessors())
                    .context("members", MEMBERS);
            for (var route : urls.entrySet()) {
                Path script =
                        scripts.get(route.getKey().substring(0, route.getKey().indexOf(' ')));
                Map<String, List<Run>> runs = new LinkedHashMap<>();
                for (String variant : VARIANTS) {
                    wrk(script, route.getValue().get(variant), warmUp, connections); // JIT warm-up, not reported
                }
                for (int round = 0; round < rounds; round++) {
                    for (String variant : VARIANTS) {
                        Run run = wrk(script, route.getValue().get(variant), seconds, connections);
                        runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(run);
                        System.out.printf(
                                Locale.ROOT,
                                "%-30s %-5s round %d: %,.0f rps, p50 %.2f ms, p99 %.2f ms, non-2xx %d, app %.1f us/req, redis %.1f us/req%n",
                                route.getKey(),
                                variant,
                                round + 1,
                                run.rps,
                                run.p50Ms,
                                run.p99Ms,
                                run.non2xx,
                                run.appCpuMicros,
                                run.redisCpuMicros);
                    }
                }
                double offRps = median(runs.get("off")).rps;
                double offCpu =
                        medianOf(runs.get("off"), Run::appCpuMicros) + medianOf(runs.get("off"), Run::redisCpuMicros);
                for (var variant : runs.entrySet()) {
                    Run median = median(variant.getValue());
                    double appCpu = medianOf(variant.getValue(), Run::appCpuMicros);
                    double redisCpu = medianOf(variant.getValue(), Run::redisCpuMicros);
                    report.row(
                            "route", route.getKey(),
                            "protection", variant.getKey(),
                            "app_cpu_us_per_req", round1(appCpu),
                            "redis_cpu_us_per_req", round1(redisCpu),
                            "cpu_capacity_vs_off_pct", round1(offCpu / (appCpu + redisCpu) * 100),
                            "median_rps", Math.round(median.rps),
                            "rps_vs_off_pct", round1(median.rps / offRps * 100),
                            "p50_ms", median.p50Ms,
                            "p99_ms", median.p99Ms,
                            "rounds_rps",
                                    variant.getValue().stream()
                                            .map(r -> Math.round(r.rps))
                                            .toList(),
                            "non_2xx",
                                    variant.getValue().stream()
                                            .mapToLong(r -> r.non2xx)
                                            .sum());
                }
            }
            report.write();
            assertThat(report.table()).contains("local");
        } finally {
            apps.values().forEach(ConfigurableApplicationContext::close);
        }
    }

    static Map<String, Object> properties(String variant) {
        Map<String, Object> props = new HashMap<>();
        props.put("logging.level.root", "warn");
        boolean on = !variant.equals("off");
        props.put("surge.admission.enabled", on);
        props.put("surge.rate-limit.enabled", on);
        props.put("surge.resilience.enabled", on);
        String memberMode = variant.equals("redis") ? "redis" : "local";
        limit(props, "coupon-issue-member", memberMode);
        limit(props, "coupon-issue-global", "local");
        limit(props, "api-member", "local");
        route(props, "bench-ping-member", "GET /test/ping", "member", memberMode);
        route(props, "bench-ping-global", "GET /test/ping", "global", "local");
        route(props, "bench-issue-member", "GET /test/issue", "member", memberMode);
        route(props, "bench-issue-global", "GET /test/issue", "global", "local");
        return props;
    }

    static void limit(Map<String, Object> props, String name, String mode) {
        String prefix = "surge.rate-limit.limits." + name + ".";
        props.put(prefix + "mode", mode);
        props.put(prefix + "capacity", HIGH);
        props.put(prefix + "refill-per-second", (double) HIGH);
    }

    static void route(Map<String, Object> props, String name, String route, String scope, String mode) {
        props.put("surge.rate-limit.limits." + name + ".route", route);
        props.put("surge.rate-limit.limits." + name + ".scope", scope);
        limit(props, name, mode);
    }

    static long openCampaign(Api api, String admin) {
        Api.Response response = api.post(
                "/api/admin/coupons",
                Map.of(
                        "name",
                        "Bench",
                        "discountType",
                        "PERCENT",
                        "discountValue",
                        10,
                        "totalQuantity",
                        100_000_000,
                        "issueStartsAt",
                        Instant.now().minusSeconds(60).toString(),
                        "issueEndsAt",
                        Instant.now().plus(Duration.ofHours(1)).toString(),
                        "validDays",
                        7),
                admin);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("couponId").asLong();
    }

    static Path script(Tokens tokens, String method) throws IOException {
        StringBuilder lua = new StringBuilder("tokens = {\n");
        for (int i = 0; i < MEMBERS; i++) {
            lua.append("  \"").append(tokens.member(1_000_000 + i)).append("\",\n");
        }
        lua.append("}\ni = 0\nrequest = function()\n  i = i % #tokens + 1\n")
                .append("  return wrk.format(\"")
                .append(method)
                .append("\", nil, {[\"Authorization\"] = \"Bearer \" .. tokens[i]})\nend\n");
        Path script = Files.createTempFile("protection-bench", ".lua");
        Files.writeString(script, lua.toString());
        script.toFile().deleteOnExit();
        return script;
    }

    static Run wrk(Path script, String url, int seconds, int connections) throws Exception {
        long jvmCpuBefore = jvmCpuNanos();
        long redisCpuBefore = redisCpuMicros();
        Process process = new ProcessBuilder(
                        "wrk",
                        "-t1",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        url)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
        long redisCpu = redisCpuMicros() - redisCpuBefore;
        return Run.parse(output, jvmCpu, redisCpu);
    }

    /** CPU time of this JVM (all three instances; only the one under load is busy). */
    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Redis server CPU (user + sys), from INFO cpu. */
    static long redisCpuMicros() {
        java.util.Properties info = redisInfo.get();
        double seconds = Double.parseDouble(info.getProperty("used_cpu_user", "0"))
                + Double.parseDouble(info.getProperty("used_cpu_sys", "0"));
        return Math.round(seconds * 1_000_000);
    }

    static java.util.function.Supplier<java.util.Properties> redisInfo;

    static double medianOf(List<Run> runs, java.util.function.ToDoubleFunction<Run> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        return values[values.length / 2];
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static Run median(List<Run> runs) {
        List<Run> sorted =
                runs.stream().sorted(Comparator.comparingDouble(Run::rps)).toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * @param appCpuMicros JVM CPU per request: on a CPU-bound box capacity is inversely proportional to it, and unlike
     *     requests per second it does not depend on what else the shared box is running
     * @param redisCpuMicros Redis server CPU per request
     */
    record Run(double rps, double p50Ms, double p99Ms, long non2xx, double appCpuMicros, double redisCpuMicros) {

        static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
        static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
        static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

        static Run parse(String output, long jvmCpuNanos, long redisCpuMicros) {
            Matcher rps = RPS.matcher(output);
            Matcher requests = REQUESTS.matcher(output);
            if (!rps.find() || !requests.find()) {
                throw new IllegalStateException("unexpected wrk output:\n" + output);
            }
            long count = Math.max(1, Long.parseLong(requests.group(1)));
            Matcher non2xx = NON_2XX.matcher(output);
            return new Run(
                    Double.parseDouble(rps.group(1)),
                    latency("50%", output),
                    latency("99%", output),
                    non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                    jvmCpuNanos / 1000.0 / count,
                    (double) redisCpuMicros / count);
        }

        static double latency(String percentile, String output) {
            Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\b")
                    .matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("no " + percentile + " latency in:\n" + output);
            }
            double value = Double.parseDouble(m.group(1));
            return switch (m.group(2)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
        }
    }
}
