package io.surge.traffic.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits shared by all instances. Each entry of {@code limits} is a route class: a route pattern, whose budget it
 * counts (each member, each client IP, or everyone together), and how it is enforced. Boot values come from here (env);
 * {@code PUT /api/admin/rate-limits} overrides capacity, rate and on/off at runtime on every instance.
 *
 * @param enabled off only for benchmarks that measure the unprotected path
 * @param syncInterval how often each instance heartbeats into Redis, learns how many instances are alive and picks up
 *     runtime limit changes (one Lua round trip per interval, not per request)
 * @param instanceTtl an instance whose heartbeat is older than this no longer counts as alive
 * @param limits route classes by name
 * @param login brute-force protection for login, counted per email and per IP
 */
@Validated
@ConfigurationProperties("surge.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("500ms") Duration syncInterval,
        @NotNull @DefaultValue("2s") Duration instanceTtl,
        @Valid @DefaultValue Map<String, LimitSpec> limits,
        @Valid @NotNull @DefaultValue Login login) {

    /** Whose budget a request is counted against. */
    public enum Scope {
        /** the member id from the bearer token; anonymous requests are not counted */
        MEMBER,
        /** the client IP, for anonymous routes such as signup and login */
        IP,
        /** one budget for everyone on the route, e.g. all coupon issues together */
        GLOBAL
    }

    /** How a limit is enforced. */
    public enum Mode {
        /**
         * In-memory token bucket per instance holding {@code 1/live-instances} of the budget; costs no I/O per
         * request. For hot routes, where a Redis round trip per request would cost more than the budget allows.
         */
        LOCAL,
        /** One Lua round trip per request to a token bucket in Redis: exact across instances. For cold routes. */
        REDIS
    }

    /**
     * @param route {@code "METHOD /path/pattern"} (Spring path pattern, {@code *} one segment, {@code **} the rest);
     *     the method may be omitted or {@code *}
     * @param scope whose budget
     * @param mode how it is enforced
     * @param capacity burst: tokens the bucket holds when full
     * @param refillPerSecond sustained rate
     * @param enabled a disabled limit admits everything
     */
    public record LimitSpec(
            @NotBlank String route,
            @NotNull Scope scope,
            @NotNull @DefaultValue("LOCAL") Mode mode,
            @Min(1) long capacity,
            @Positive double refillPerSecond,
            @DefaultValue("true") boolean enabled) {}

    /**
     * @param enabled brute-force protection on or off
     * @param maxFailuresPerEmailAndIp failed logins for one email from one IP within {@code window} before that pair
     *     is refused: the guessing cap, which leaves the owner, logging in from anywhere else, unaffected
     * @param maxFailuresPerEmail failed logins for one email from all IPs together before the email is refused from
     *     everywhere: the backstop against guessing spread over many addresses (such an attacker can lock the owner
     *     out, after this many guesses; a single address cannot)
     * @param maxFailuresPerIp failed logins from one IP within {@code window} before that IP is refused
     * @param window counting window, started by the first failure
     */
    public record Login(
            @DefaultValue("true") boolean enabled,
            @Min(1) @DefaultValue("10") int maxFailuresPerEmailAndIp,
            @Min(1) @DefaultValue("100") int maxFailuresPerEmail,
            @Min(1) @DefaultValue("50") int maxFailuresPerIp,
            @NotNull @DefaultValue("15m") Duration window) {}
}
