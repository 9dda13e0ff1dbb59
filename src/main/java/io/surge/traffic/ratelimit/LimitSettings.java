package io.surge.traffic.ratelimit;

/**
 * The runtime-changeable part of a limit.
 *
 * @param capacity burst: tokens in a full bucket
 * @param refillPerSecond sustained rate
 * @param enabled a disabled limit admits everything
 */
public record LimitSettings(long capacity, double refillPerSecond, boolean enabled) {

    /** Seconds an empty bucket takes to fill: the {@code w} of the RateLimit-Policy header. */
    public long windowSeconds() {
        return Math.max(1, (long) Math.ceil(capacity / refillPerSecond));
    }
}
