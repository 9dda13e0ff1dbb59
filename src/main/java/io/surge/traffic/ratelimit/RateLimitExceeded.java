package io.surge.traffic.ratelimit;

/**
 * A limit refused the request. Thrown by {@link RateLimiter#acquire} for controllers that check a limit themselves;
 * the global problem handler turns it into 429 with Retry-After and RateLimit headers.
 */
public class RateLimitExceeded extends RuntimeException {

    private final transient Decision decision;
    private final String reason;

    private RateLimitExceeded(Decision decision, String reason) {
        super("Rate limit '" + decision.limit() + "' exceeded; retry later.", null, false, false);
        this.decision = decision;
        this.reason = reason;
    }

    public static RateLimitExceeded of(Decision decision) {
        return new RateLimitExceeded(decision, "rate-limit");
    }

    static RateLimitExceeded of(Decision decision, String reason) {
        return new RateLimitExceeded(decision, reason);
    }

    public Decision decision() {
        return decision;
    }

    public String reason() {
        return reason;
    }
}
