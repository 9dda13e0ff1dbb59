package io.surge.traffic.ratelimit;

import java.time.Duration;

/**
 * The answer of one limit to one request, with what the IETF {@code RateLimit}/{@code RateLimit-Policy} headers and
 * {@code Retry-After} need.
 *
 * @param limit the limit's name (the policy name in the headers)
 * @param allowed whether the request may go on
 * @param settings the limit as it was applied (the cluster-wide budget, not this instance's share)
 * @param remaining tokens left after this request
 * @param retryAfter when a refused request may succeed; zero when allowed
 */
public record Decision(String limit, boolean allowed, LimitSettings settings, long remaining, Duration retryAfter) {

    static Decision allow(String limit, LimitSettings settings, long remaining) {
        return new Decision(limit, true, settings, remaining, Duration.ZERO);
    }

    static Decision refuse(String limit, LimitSettings settings, long remaining, Duration retryAfter) {
        return new Decision(limit, false, settings, remaining, retryAfter);
    }
}
