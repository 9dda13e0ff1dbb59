package io.surge.traffic.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.surge.traffic.ProtectionMetrics;
import io.surge.traffic.ratelimit.RateLimitProperties.LimitSpec;
import io.surge.traffic.ratelimit.RateLimitProperties.Mode;
import io.surge.traffic.ratelimit.RateLimitProperties.Scope;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** One configured route class at runtime: its route matcher, boot defaults, current settings and local buckets. */
final class RouteLimit {

    static final String GUARD = "rate-limit";

    private final String name;
    private final LimitSpec spec;
    private final String method;
    private final PathPattern pattern;
    private final LimitSettings defaults;
    private volatile LimitSettings settings;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    final Counter admitted;
    final Counter rejected;

    RouteLimit(String name, LimitSpec spec, ProtectionMetrics metrics) {
        this.name = name;
        this.spec = spec;
        String route = spec.route().strip();
        int space = route.indexOf(' ');
        String rawMethod = space < 0 ? "*" : route.substring(0, space).strip();
        this.method = rawMethod.equals("*") ? null : rawMethod.toUpperCase(Locale.ROOT);
        this.pattern = PathPatternParser.defaultInstance.parse(
                space < 0 ? route : route.substring(space + 1).strip());
        this.defaults = new LimitSettings(spec.capacity(), spec.refillPerSecond(), spec.enabled());
        this.settings = defaults;
        this.admitted = metrics.admitted(GUARD, name);
        this.rejected = metrics.rejected(GUARD, name);
    }

    boolean matches(String requestMethod, PathContainer path) {
        return (method == null || method.equals(requestMethod)) && pattern.matches(path);
    }

    boolean methodMatches(String requestMethod) {
        return method == null || method.equals(requestMethod);
    }

    String name() {
        return name;
    }

    LimitSpec spec() {
        return spec;
    }

    Scope scope() {
        return spec.scope();
    }

    Mode mode() {
        return spec.mode();
    }

    LimitSettings defaults() {
        return defaults;
    }

    LimitSettings settings() {
        return settings;
    }

    void apply(LimitSettings next) {
        this.settings = next;
    }

    TokenBucket bucket(String key) {
        TokenBucket bucket = buckets.get(key);
        return bucket != null ? bucket : buckets.computeIfAbsent(key, k -> new TokenBucket());
    }

    /** Drops buckets that have been idle long enough to be full again: a new bucket starts full, so nothing changes. */
    void sweep(long nowNanos) {
        LimitSettings current = settings;
        long refillNanos = (long) (current.capacity() / current.refillPerSecond() * 1e9) + 1_000_000_000L;
        buckets.values().removeIf(bucket -> bucket.idleLongerThan(refillNanos, nowNanos));
    }

    int trackedKeys() {
        return buckets.size();
    }
}
