package io.surge.bench;

import io.surge.support.Instances;
import io.surge.support.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cost of traffic protection, measured side by side in one run: three instances in this JVM, identical but for the
 * protection — {@code off} (admission, rate limits, breakers disabled), {@code local} (everything on, the route's
 * member and global limits as LOCAL buckets, as configured for coupon issue) and {@code redis} (the same limits as
 * REDIS buckets: one extra Lua round trip per request, the design the cost budget rules out for hot routes). wrk
 * drives each in turn, rounds interleaved so drift on a shared box hits all variants alike, on two authenticated
 * routes: {@code /test/ping} (token check only) and {@code /test/issue} (one Redis round trip, like coupon issue).
 * Requests rotate over 1,000 members' tokens. Prints a table and writes JSON.
 *
 * <p>Run (needs wrk, MariaDB/MySQL and Redis on 127.0.0.1): see docs/traffic-protection.md.
 */
public final class ProtectionBenchmark {

    static final List<String> VARIANTS = List.of("off", "local", "redis");
    static final List<String> ROUTES = List.of("/test/ping", "/test/issue");
    static final int MEMBERS = 1_000;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        int seconds = Integer.getInteger("bench.seconds", 8);
        int connections = Integer.getInteger("bench.connections", 32);
        Path out = Path.of(System.getProperty("bench.out", "target/protection-benchmark.json"));

        Map<String, ConfigurableApplicationContext> apps = new LinkedHashMap<>();
        for (String variant : VARIANTS) {
            apps.put(variant, Instances.start(Instances.newCluster(), properties(variant)));
        }
        try {
            JwtEncoder encoder = apps.get("off").getBean(JwtEncoder.class);
            Path script = tokenScript(encoder);
            Map<String, Map<String, List<Run>>> runs = new LinkedHashMap<>();
            for (String route : ROUTES) {
                for (String variant : VARIANTS) {
                    wrk(script, apps.get(variant), route, 3, connections); // warm-up
                }
                for (int round = 0; round < rounds; round++) {
                    for (String variant : VARIANTS) {
                        Run run = wrk(script, apps.get(variant), route, seconds, connections);
                        runs.computeIfAbsent(route, r -> new LinkedHashMap<>())
                                .computeIfAbsent(variant, v -> new ArrayList<>())
                                .add(run);
                        System.out.printf(
                                Locale.ROOT,
                                "%-12s %-6s round %d: %,.0f rps, p50 %.2f ms, p99 %.2f ms, non-2xx %d%n",
                                route,
                                variant,
                                round + 1,
                                run.rps,
                                run.p50Ms,
                                run.p99Ms,
                                run.non2xx);
                    }
                }
            }
            report(runs, rounds, seconds, connections, out);
        } finally {
            apps.values().forEach(ConfigurableApplicationContext::close);
        }
    }

    static Map<String, Object> properties(String variant) {
        Map<String, Object> props = new HashMap<>();
        props.put("logging.level.root", "warn");
        props.put("spring.datasource.hikari.maximum-pool-size", 4);
        boolean on = !variant.equals("off");
        props.put("surge.admission.enabled", on);
        props.put("surge.rate-limit.enabled", on);
        props.put("surge.resilience.enabled", on);
        for (String route : ROUTES) {
            String name = route.substring("/test/".length());
            limit(props, name + "-member", "GET " + route, "member", variant, 1_000_000_000L);
            limit(props, name + "-global", "GET " + route, "global", variant, 1_000_000_000L);
        }
        return props;
    }

    static void limit(Map<String, Object> props, String name, String route, String scope, String variant, long cap) {
        String prefix = "surge.rate-limit.limits.bench-" + name + ".";
        props.put(prefix + "route", route);
        props.put(prefix + "scope", scope);
        props.put(prefix + "mode", variant.equals("redis") ? "redis" : "local");
        props.put(prefix + "capacity", cap);
        props.put(prefix + "refill-per-second", (double) cap);
    }

    static Path tokenScript(JwtEncoder encoder) throws IOException {
        StringBuilder lua = new StringBuilder("tokens = {\n");
        for (int i = 0; i < MEMBERS; i++) {
            lua.append("  \"").append(new Tokens(encoder).member(1_000_000 + i)).append("\",\n");
        }
        lua.append("}\ni = 0\nrequest = function()\n  i = i % #tokens + 1\n")
                .append("  return wrk.format(\"GET\", nil, {[\"Authorization\"] = \"Bearer \" .. tokens[i]})\nend\n");
        Path script = Files.createTempFile("protection-bench", ".lua");
        Files.writeString(script, lua.toString());
        script.toFile().deleteOnExit();
        return script;
    }

    static Run wrk(Path script, ConfigurableApplicationContext app, String route, int seconds, int connections)
            throws IOException, InterruptedException {
        String url = "http://127.0.0.1:" + Instances.port(app) + route;
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
        return Run.parse(output);
    }

    static void report(Map<String, Map<String, List<Run>>> runs, int rounds, int seconds, int connections, Path out)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "traffic-protection cost");
        json.put("tool", "wrk -t1 -c" + connections + " -d" + seconds + "s, " + rounds + " interleaved rounds");
        json.put("cpus", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        Map<String, Object> results = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder();
        table.append("| route | variant | median rps | vs off | p50 ms | p99 ms | non-2xx |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (var byRoute : runs.entrySet()) {
            Map<String, Object> routeJson = new LinkedHashMap<>();
            double offRps = median(byRoute.getValue().get("off")).rps;
            for (var byVariant : byRoute.getValue().entrySet()) {
                Run median = median(byVariant.getValue());
                double ratio = median.rps / offRps;
                long non2xx =
                        byVariant.getValue().stream().mapToLong(r -> r.non2xx).sum();
                routeJson.put(
                        byVariant.getKey(),
                        Map.of(
                                "medianRps",
                                Math.round(median.rps),
                                "ratioToOff",
                                Math.round(ratio * 1000) / 1000.0,
                                "p50Ms",
                                median.p50Ms,
                                "p99Ms",
                                median.p99Ms,
                                "non2xx",
                                non2xx,
                                "roundsRps",
                                byVariant.getValue().stream()
                                        .map(r -> Math.round(r.rps))
                                        .toList()));
                table.append(String.format(
                        Locale.ROOT,
                        "| `%s` | %s | %,.0f | %.1f%% | %.2f | %.2f | %d |%n",
                        byRoute.getKey(),
                        byVariant.getKey(),
                        median.rps,
                        ratio * 100,
                        median.p50Ms,
                        median.p99Ms,
                        non2xx));
            }
            results.put(byRoute.getKey(), routeJson);
        }
        json.put("results", results);
        String encoded =
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, encoded);
        System.out.println();
        System.out.println(encoded);
        System.out.println();
        System.out.println(table);
    }

    static Run median(List<Run> runs) {
        List<Run> sorted =
                runs.stream().sorted(Comparator.comparingDouble(r -> r.rps)).toList();
        return sorted.get(sorted.size() / 2);
    }

    record Run(double rps, double p50Ms, double p99Ms, long non2xx) {

        static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
        static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

        static Run parse(String output) {
            return new Run(number(RPS, output), latency("50%", output), latency("99%", output), (long)
                    numberOrZero(NON_2XX, output));
        }

        static double latency(String percentile, String output) {
            Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)")
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

        static double number(Pattern pattern, String output) {
            Matcher m = pattern.matcher(output);
            if (!m.find()) {
                throw new IllegalStateException("unexpected wrk output:\n" + output);
            }
            return Double.parseDouble(m.group(1));
        }

        static double numberOrZero(Pattern pattern, String output) {
            Matcher m = pattern.matcher(output);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        }
    }

    private ProtectionBenchmark() {}
}
