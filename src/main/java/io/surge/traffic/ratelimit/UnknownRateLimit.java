package io.surge.traffic.ratelimit;

import java.util.List;

/** An admin change named a limit that is not configured (limits are defined by configuration, only tuned at runtime). */
public class UnknownRateLimit extends RuntimeException {

    public static final String CODE = "UNKNOWN_RATE_LIMIT";
    private final List<String> names;

    private UnknownRateLimit(List<String> names) {
        super("No rate limit is configured under " + names + ".");
        this.names = List.copyOf(names);
    }

    public static UnknownRateLimit of(List<String> names) {
        return new UnknownRateLimit(names);
    }

    public List<String> names() {
        return names;
    }
}
