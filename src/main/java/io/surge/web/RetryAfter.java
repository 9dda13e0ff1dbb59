package io.surge.web;

import java.time.Duration;

/** Retry-After carries whole seconds (RFC 9110); never advertise 0, which invites an immediate retry storm. */
public final class RetryAfter {

    private RetryAfter() {}

    public static String seconds(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return Long.toString(seconds);
    }
}
