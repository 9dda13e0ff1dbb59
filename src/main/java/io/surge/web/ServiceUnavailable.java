package io.surge.web;

import java.time.Duration;

/** Thrown where a dependency is known to be unusable right now; answered as a fast 503 with Retry-After. */
public class ServiceUnavailable extends RuntimeException implements RetryAfterHint {

    private final Duration retryAfter;

    public ServiceUnavailable(String message) {
        this(message, null);
    }

    public ServiceUnavailable(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** When a retry may succeed; {@code null} for the default. */
    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
