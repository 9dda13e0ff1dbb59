package io.surge.traffic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * One meter, {@code surge.protection.requests}, counts what every guard admitted and rejected. Tags are low-cardinality
 * by construction: the guard, a name taken from configuration (limit or breaker name, never a member or an IP) and the
 * outcome. Counters are cached so the hot path does a map lookup, not a registry lookup.
 */
@Component
public class ProtectionMetrics {

    public static final String METER = "surge.protection.requests";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ProtectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Counter admitted(String guard, String name) {
        return counter(guard, name, "admitted");
    }

    public Counter rejected(String guard, String name) {
        return counter(guard, name, "rejected");
    }

    private Counter counter(String guard, String name, String outcome) {
        return counters.computeIfAbsent(
                guard + '|' + name + '|' + outcome,
                key -> Counter.builder(METER)
                        .description("Requests admitted or rejected by a traffic-protection guard")
                        .tag("guard", guard)
                        .tag("name", name)
                        .tag("outcome", outcome)
                        .register(registry));
    }
}
