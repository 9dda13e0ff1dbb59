package io.surge.traffic.resilience;

import io.surge.web.ServiceUnavailable;
import java.time.Duration;

/** A breaker is open: the dependency failed repeatedly and is not called; answered as a fast 503 with Retry-After. */
public class CircuitOpen extends ServiceUnavailable {

    private final String breaker;

    private CircuitOpen(String breaker, Duration retryAfter) {
        super("Circuit breaker '" + breaker + "' is open", retryAfter);
        this.breaker = breaker;
    }

    public static CircuitOpen of(String breaker, Duration retryAfter) {
        return new CircuitOpen(breaker, retryAfter);
    }

    public String breaker() {
        return breaker;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
