package io.surge.traffic.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.surge.redis.RedisKeyspace;
import io.surge.traffic.ProtectionMetrics;
import io.surge.traffic.ratelimit.RateLimitProperties.Mode;
import io.surge.traffic.resilience.Breakers;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The route-class limiter: checks one request against a named limit for a key (member id, client IP, or anything for a
 * global limit). {@link RateLimitFilter} calls it for every route matching a configured pattern; a controller can call
 * {@link #acquire} itself when the key is only known after parsing the request.
 *
 * <p>LOCAL limits cost a synchronized in-memory bucket update (no I/O); REDIS limits cost one Lua round trip through
 * the {@code redis} circuit breaker. When Redis fails (or the breaker is open), REDIS limits admit the request (rate limiting must not turn a Redis blip into an outage of login) and count
 * it under the {@code redis-unavailable} name.
 */
@Component
public class RateLimiter {

    static final String GLOBAL_KEY = "*";
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final Limits limits;
    private final StringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final RedisKeyspace keyspace;
    private final boolean enabled;
    private final Counter redisFailures;
    private final Breakers breakers;

    RateLimiter(
            Limits limits,
            StringRedisTemplate redis,
            RedisScript<List<Long>> tokenBucketScript,
            RedisKeyspace keyspace,
            RateLimitProperties properties,
            ProtectionMetrics metrics,
            Breakers breakers) {
        this.breakers = breakers;
        this.limits = limits;
        this.redis = redis;
        this.script = tokenBucketScript;
        this.keyspace = keyspace;
        this.enabled = properties.enabled();
        this.redisFailures = metrics.admitted(RouteLimit.GUARD, "redis-unavailable");
    }

    /**
     * Takes one token from the named limit for the key.
     *
     * @throws IllegalArgumentException for a limit name that is not configured
     */
    public Decision check(String limitName, String key) {
        RouteLimit limit = limits.get(limitName);
        if (limit == null) {
            throw new IllegalArgumentException("No rate limit named '" + limitName + "' is configured");
        }
        return check(limit, key);
    }

    /** Like {@link #check} but throws {@link RateLimitExceeded} (answered as 429) when refused. */
    public Decision acquire(String limitName, String key) {
        Decision decision = check(limitName, key);
        if (!decision.allowed()) {
            throw RateLimitExceeded.of(decision);
        }
        return decision;
    }

    Decision check(RouteLimit limit, String key) {
        LimitSettings settings = limit.settings();
        if (!enabled || !settings.enabled()) {
            return Decision.allow(limit.name(), settings, settings.capacity());
        }
        Decision decision = limit.mode() == Mode.LOCAL ? local(limit, key, settings) : shared(limit, key, settings);
        (decision.allowed() ? limit.admitted : limit.rejected).increment();
        return decision;
    }

    private Decision local(RouteLimit limit, String key, LimitSettings settings) {
        int instances = limits.liveInstances();
        double capacity = Math.max(1d, (double) settings.capacity() / instances);
        double perSecond = settings.refillPerSecond() / instances;
        long result = limit.bucket(key).tryTake(capacity, perSecond, System.nanoTime());
        if (result >= 0) {
            return Decision.allow(limit.name(), settings, Math.min(settings.capacity(), result * instances));
        }
        return Decision.refuse(limit.name(), settings, 0, Duration.ofNanos(-1 - result));
    }

    private Decision shared(RouteLimit limit, String key, LimitSettings settings) {
        String bucketKey = keyspace.key("ratelimit:{" + limit.name() + ":" + key + "}");
        try {
            List<Long> result = breakers.call(
                    Breakers.REDIS,
                    () -> redis.execute(
                            script,
                            List.of(bucketKey),
                            Long.toString(settings.capacity()),
                            Double.toString(settings.refillPerSecond()),
                            "1"));
            if (result.get(0) == 1L) {
                return Decision.allow(limit.name(), settings, result.get(1));
            }
            return Decision.refuse(limit.name(), settings, result.get(1), Duration.ofMillis(result.get(2)));
        } catch (RuntimeException e) {
            redisFailures.increment();
            log.debug("Rate limit '{}' admitted without Redis: {}", limit.name(), e.toString());
            return Decision.allow(limit.name(), settings, settings.capacity());
        }
    }
}
