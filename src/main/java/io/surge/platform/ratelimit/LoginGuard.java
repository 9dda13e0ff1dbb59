package io.surge.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.surge.platform.protection.ProtectionMetrics;
import io.surge.platform.redis.RedisKeyspace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for login: failed attempts are counted in Redis per email and per client IP over a window
 * that starts at the first failure. Once either count reaches its maximum, further logins for that email (or from
 * that IP) are refused with 429 before the password is even checked, until the window ends, so guessing stays slow
 * even when spread over many instances. A success clears the email's count. Emails are stored hashed.
 *
 * <p>Call {@link #check} before verifying credentials, then {@link #failed} or {@link #succeeded}.
 */
@Component
public class LoginGuard {

    static final String REASON = "login-attempts";
    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final RateLimitProperties.Login settings;
    private final Duration window;
    private final Counter admitted;
    private final Counter rejected;

    LoginGuard(
            StringRedisTemplate redis,
            RedisKeyspace keyspace,
            RateLimitProperties properties,
            ProtectionMetrics metrics) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.settings = properties.login();
        this.window = settings.window();
        this.admitted = metrics.admitted(REASON, "login");
        this.rejected = metrics.rejected(REASON, "login");
    }

    /**
     * @throws RateLimitExceeded when this email or this IP has failed too often within the window
     */
    public void check(String email, String ip) {
        if (!settings.enabled()) {
            return;
        }
        String emailKey = emailKey(email);
        String ipKey = ipKey(ip);
        List<Object> state;
        try {
            state = redis.executePipelined(new SessionCallback<Object>() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public Object execute(RedisOperations operations) {
                    operations.opsForValue().get(emailKey);
                    operations.getExpire(emailKey, TimeUnit.MILLISECONDS);
                    operations.opsForValue().get(ipKey);
                    operations.getExpire(ipKey, TimeUnit.MILLISECONDS);
                    return null;
                }
            });
        } catch (RuntimeException e) {
            log.warn("Login guard could not read Redis, admitting: {}", e.toString());
            return;
        }
        refuseIfOver("login-email", state.get(0), state.get(1), settings.maxFailuresPerEmail());
        refuseIfOver("login-ip", state.get(2), state.get(3), settings.maxFailuresPerIp());
        admitted.increment();
    }

    public void failed(String email, String ip) {
        if (!settings.enabled()) {
            return;
        }
        String emailKey = emailKey(email);
        String ipKey = ipKey(ip);
        try {
            redis.executePipelined(new SessionCallback<Object>() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public Object execute(RedisOperations operations) {
                    for (String key : List.of(emailKey, ipKey)) {
                        operations.opsForValue().setIfAbsent(key, "0", window);
                        operations.opsForValue().increment(key);
                    }
                    return null;
                }
            });
        } catch (RuntimeException e) {
            log.warn("Login guard could not record a failure: {}", e.toString());
        }
    }

    public void succeeded(String email) {
        if (!settings.enabled()) {
            return;
        }
        try {
            redis.delete(emailKey(email));
        } catch (RuntimeException e) {
            log.warn("Login guard could not clear a count: {}", e.toString());
        }
    }

    private void refuseIfOver(String name, Object count, Object ttlMillis, int max) {
        long failures = count == null ? 0 : Long.parseLong(count.toString());
        if (failures < max) {
            return;
        }
        rejected.increment();
        long ttl = ttlMillis instanceof Long millis && millis > 0
                ? millis
                : settings.window().toMillis();
        LimitSettings policy = new LimitSettings(
                max, max / (double) Math.max(1, settings.window().toSeconds()), true);
        throw RateLimitExceeded.of(Decision.refuse(name, policy, 0, Duration.ofMillis(ttl)), REASON);
    }

    private String emailKey(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return keyspace.key("login:{email:" + sha256(normalized) + "}:failures");
    }

    private String ipKey(String ip) {
        return keyspace.key("login:{ip:" + ip + "}:failures");
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
