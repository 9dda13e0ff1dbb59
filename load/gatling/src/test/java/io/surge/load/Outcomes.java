package io.surge.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer of a run, classified by real status + ProblemDetail code (the same classes as k6/surge.js), with its
 * latency, per population and per second: the source of the twin's JSON summary and of the report's time series.
 */
final class Outcomes {

    static final List<String> CLASSES = List.of(
            "ok",
            "sold_out",
            "already_issued",
            "conflict_other",
            "throttled",
            "unavailable",
            "client_error",
            "server_error",
            "network");

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> byStep = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> latencies = new ConcurrentHashMap<>();
    private final Map<Long, Second> seconds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> orders = new ConcurrentHashMap<>();
    private final List<Integer> orderPaidMillis = new ArrayList<>();

    static String classify(Integer status, String code) {
        if (status == null || status == 0) return "network";
        int s = status;
        if (s >= 200 && s < 300) return "ok";
        if (s == 409 && "COUPON_SOLD_OUT".equals(code)) return "sold_out";
        if (s == 409 && "COUPON_ALREADY_ISSUED".equals(code)) return "already_issued";
        if (s == 409) return "conflict_other";
        if (s == 429) return "throttled";
        if (s == 503) return "unavailable";
        if (s >= 400 && s < 500) return "client_error";
        return "server_error";
    }

    void record(String population, String step, String outcome, Integer millis) {
        counts.computeIfAbsent(population, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, k -> new LongAdder())
                .increment();
        byStep.computeIfAbsent(step, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, k -> new LongAdder())
                .increment();
        long second = System.currentTimeMillis() / 1000; // epoch seconds: the report lines them up with the samples
        Second bucket = seconds.computeIfAbsent(second, k -> new Second());
        bucket.outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        if (millis != null) {
            List<Integer> all = latencies.computeIfAbsent(population, k -> new ArrayList<>());
            synchronized (all) {
                all.add(millis);
            }
            synchronized (bucket) {
                bucket.latencies.add(millis);
            }
        }
    }

    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

    void status(String key) {
        statuses.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    Map<String, Long> statuses() {
        Map<String, Long> map = new TreeMap<>();
        statuses.forEach((k, v) -> map.put(k, v.sum()));
        return map;
    }

    void order(String what) {
        orders.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    void orderPaid(int millis) {
        synchronized (orderPaidMillis) {
            orderPaidMillis.add(millis);
        }
        order("paid");
    }

    long count(String population, String outcome) {
        LongAdder adder = counts.getOrDefault(population, Map.of()).get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    long total(String population) {
        return counts.getOrDefault(population, Map.of()).values().stream()
                .mapToLong(LongAdder::sum)
                .sum();
    }

    long orders(String what) {
        LongAdder adder = orders.get(what);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, Long> outcomes(String population) {
        Map<String, Long> map = new TreeMap<>();
        for (String c : CLASSES) map.put(c, count(population, c));
        return map;
    }

    Map<String, Map<String, Long>> steps() {
        Map<String, Map<String, Long>> map = new TreeMap<>();
        byStep.forEach((step, m) -> {
            Map<String, Long> inner = new TreeMap<>();
            m.forEach((k, v) -> inner.put(k, v.sum()));
            map.put(step, inner);
        });
        return map;
    }

    Percentiles latency(String population) {
        List<Integer> all = latencies.getOrDefault(population, List.of());
        synchronized (all) {
            return Percentiles.of(all);
        }
    }

    Percentiles latencyAll() {
        List<Integer> merged = new ArrayList<>();
        latencies.values().forEach(list -> {
            synchronized (list) {
                merged.addAll(list);
            }
        });
        return Percentiles.of(merged);
    }

    Percentiles orderPaid() {
        synchronized (orderPaidMillis) {
            return Percentiles.of(orderPaidMillis);
        }
    }

    /** One row per second of the run: answers per class and latency percentiles of the answers in that second. */
    List<Map<String, Object>> timeSeries() {
        List<Map<String, Object>> rows = new ArrayList<>();
        new TreeMap<>(seconds).forEach((second, bucket) -> {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("t", second);
            long n = bucket.outcomes.values().stream().mapToLong(LongAdder::sum).sum();
            row.put("requests", n);
            for (String c : CLASSES) {
                LongAdder a = bucket.outcomes.get(c);
                row.put(c, a == null ? 0 : a.sum());
            }
            Percentiles p;
            synchronized (bucket) {
                p = Percentiles.of(bucket.latencies);
            }
            row.put("p50", p.p50());
            row.put("p95", p.p95());
            row.put("p99", p.p99());
            rows.add(row);
        });
        return rows;
    }

    private static final class Second {
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final List<Integer> latencies = new ArrayList<>();
    }

    record Percentiles(long count, Integer p50, Integer p95, Integer p99, Integer max, Double mean) {
        static Percentiles of(List<Integer> values) {
            if (values.isEmpty()) return new Percentiles(0, null, null, null, null, null);
            int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
            return new Percentiles(
                    sorted.length,
                    at(sorted, 0.50),
                    at(sorted, 0.95),
                    at(sorted, 0.99),
                    sorted[sorted.length - 1],
                    java.util.Arrays.stream(sorted).average().orElse(0));
        }

        private static int at(int[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }
}
