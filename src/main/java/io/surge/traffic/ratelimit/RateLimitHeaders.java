package io.surge.traffic.ratelimit;

import io.surge.web.RetryAfter;
import java.util.function.BiConsumer;
import org.springframework.http.HttpHeaders;

/**
 * Writes the IETF httpapi rate-limit headers (draft-ietf-httpapi-ratelimit-headers, structured-field form):
 * {@code RateLimit-Policy: "name";q=<capacity>;w=<seconds to refill>} and {@code RateLimit: "name";r=<remaining>;
 * t=<seconds until a retry can succeed>}, plus {@code Retry-After} when refused.
 */
public final class RateLimitHeaders {

    public static final String RATE_LIMIT = "RateLimit";
    public static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

    private RateLimitHeaders() {}

    public static void write(Decision decision, BiConsumer<String, String> header) {
        LimitSettings settings = decision.settings();
        header.accept(
                RATE_LIMIT_POLICY,
                "\"" + decision.limit() + "\";q=" + settings.capacity() + ";w=" + settings.windowSeconds());
        long resetSeconds = decision.allowed() ? 0 : Long.parseLong(RetryAfter.seconds(decision.retryAfter()));
        header.accept(RATE_LIMIT, "\"" + decision.limit() + "\";r=" + decision.remaining() + ";t=" + resetSeconds);
        if (!decision.allowed()) {
            header.accept(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(decision.retryAfter()));
        }
    }
}
