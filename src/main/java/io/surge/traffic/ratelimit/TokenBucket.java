package io.surge.traffic.ratelimit;

/**
 * An in-memory token bucket whose capacity and rate are passed on every call, so a rebalanced share (another instance
 * joined or left) or a runtime change applies at once without touching the buckets. Starts full.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private double tokens = -1;
    private long lastNanos;

    /**
     * Takes one token if there is one.
     *
     * @return the whole tokens left (≥ 0) when allowed; when refused, {@code -1 - nanosUntilOneToken}
     */
    synchronized long tryTake(double capacity, double perSecond, long nowNanos) {
        if (tokens < 0) {
            tokens = capacity;
        } else {
            long elapsed = Math.max(0, nowNanos - lastNanos);
            tokens = Math.min(capacity, tokens + elapsed * perSecond / NANOS_PER_SECOND);
        }
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return (long) tokens;
        }
        long wait = (long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND);
        return -1 - wait;
    }

    synchronized boolean idleLongerThan(long nanos, long nowNanos) {
        return nowNanos - lastNanos > nanos;
    }
}
