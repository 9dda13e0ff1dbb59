package io.surge.traffic.ratelimit;

import io.surge.traffic.ProtectionMetrics;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The configured route classes, narrowest scope first (member, then IP, then global), so a request an abuser's own
 * budget refuses never spends the shared budget; plus how many instances are alive, which sets each local share.
 */
@Component
class Limits {

    private final List<RouteLimit> ordered;
    private final Map<String, RouteLimit> byName;
    private volatile int liveInstances = 1;

    Limits(RateLimitProperties properties, ProtectionMetrics metrics) {
        this.ordered = properties.limits().entrySet().stream()
                .map(e -> new RouteLimit(e.getKey(), e.getValue(), metrics))
                .sorted(Comparator.comparing(RouteLimit::scope).thenComparing(RouteLimit::name))
                .toList();
        this.byName = ordered.stream().collect(Collectors.toUnmodifiableMap(RouteLimit::name, Function.identity()));
    }

    List<RouteLimit> all() {
        return ordered;
    }

    RouteLimit get(String name) {
        return byName.get(name);
    }

    int liveInstances() {
        return liveInstances;
    }

    void liveInstances(int count) {
        this.liveInstances = Math.max(1, count);
    }
}
