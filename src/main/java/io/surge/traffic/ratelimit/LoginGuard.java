package io.surge.traffic.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.surge.redis.RedisKeyspace;
import io.surge.traffic.ProtectionMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection for login. Each attempt is <em>reserved</em> before the password is checked: one atomic
 * Lua call per counter refuses when the counter is at its cap and otherwise counts the attempt at once, so a
 * parallel burst for one email lets at most the cap through to bcrypt (on main the count was read before the hash
 * and raised after it, and 60 parallel guesses all reached the password check). A success gives the reservation
 * back; a failure leaves it counted.
 *
 * <p>Counters, each over a window started by its first attempt: per email <em>and</em> client IP (the guessing cap:
 * the real owner logging in from another address is not locked out by someone else's guesses), per email from all
 * IPs (a higher backstop against guessing spread over many addresses; past it the email is refused everywhere, the
 * price of bounding distributed guessing), and per IP across emails (credential stuffing). Emails are stored hashed.
 * Redis unreachable: the attempt is admitted (the password-hash budget still bounds the CPU).
 */
@NamedInterface("ratelimit")
@Component
public class LoginGuard {

    static final String REASON = "login-attempts";
    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final RedisScript<List<Long>> reserve;
    private final RedisScript<Long> refund;
    private final RateLimitProperties.Login settings;
    private final String windowMillis;
    private final Counter admitted;
    private final Counter rejected;

    LoginGuard(
            StringRedisTemplate redis,
            RedisKeyspace keyspace,
            RedisScript<List<Long>> loginReserveScript,
            RedisScript<Long> loginRefundScript,
            RateLimitProperties properties,
            ProtectionMetrics metrics) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.reserve = loginReserveScript;
        this.refund = loginRefundScript;
        this.settings = properties.login();
        this.windowMillis = Long.toString(settings.window().toMillis());
        this.admitted = metrics.admitted(REASON, "login");
        this.rejected = metrics.rejected(REASON, "login");
    }

    /**
     * Reserves an attempt on every counter, before any password work.
     *
     * @throws RateLimitExceeded when a counter is at its cap (nothing stays reserved then)
     */
    public Attempt reserve(String email, String ip) {
        if (!settings.enabled()) {
            return Attempt.NONE;
        }
        String emailHash = sha256(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
        List<Counted> counters = List.of(
                new Counted("login-email-ip", emailIpKey(emailHash, ip), settings.maxFailuresPerEmailAndIp()),
                new Counted("login-email", emailKey(emailHash), settings.maxFailuresPerEmail()),
                new Counted("login-ip", ipKey(ip), settings.maxFailuresPerIp()));
        List<Counted> reserved = new ArrayList<>(3);
        try {
            for (Counted counter : counters) {
                List<Long> result =
                        redis.execute(reserve, List.of(counter.key), Integer.toString(counter.max), windowMillis);
                if (result.get(0) == 0L) {
                    reserved.forEach(this::giveBack);
                    throw refused(counter, result.get(1));
                }
                reserved.add(counter);
            }
        } catch (RateLimitExceeded e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Login guard could not reach Redis, admitting: {}", e.toString());
            reserved.forEach(this::giveBack);
            return Attempt.NONE;
        }
        admitted.increment();
        return new Attempt(this, counters);
    }

    private RateLimitExceeded refused(Counted counter, long ttlMillis) {
        rejected.increment();
        long ttl = ttlMillis > 0 ? ttlMillis : settings.window().toMillis();
        LimitSettings policy = new LimitSettings(
                counter.max,
                counter.max / (double) Math.max(1, settings.window().toSeconds()),
                true);
        return RateLimitExceeded.of(Decision.refuse(counter.name, policy, 0, Duration.ofMillis(ttl)), REASON);
    }

    private void giveBack(Counted counter) {
        try {
            redis.execute(refund, List.of(counter.key));
        } catch (RuntimeException e) {
            log.warn("Login guard could not give an attempt back: {}", e.toString());
        }
    }

    private void clear(Counted counter) {
        try {
            redis.delete(counter.key);
        } catch (RuntimeException e) {
            log.warn("Login guard could not clear a count: {}", e.toString());
        }
    }

    private String emailIpKey(String emailHash, String ip) {
        return keyspace.key("login:{email:" + emailHash + "}:ip:" + ip + ":failures");
    }

    private String emailKey(String emailHash) {
        return keyspace.key("login:{email:" + emailHash + "}:failures");
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

    private record Counted(String name, String key, int max) {}

    /** One reserved login attempt: tell it how the password check ended. */
    public static final class Attempt {

        static final Attempt NONE = new Attempt(null, List.of());

        private final LoginGuard guard;
        private final List<Counted> counters;

        private Attempt(LoginGuard guard, List<Counted> counters) {
            this.guard = guard;
            this.counters = counters;
        }

        /** Right password: the email's failures are forgotten; the IP gets this attempt back. */
        public void succeeded() {
            for (Counted counter : counters) {
                if (counter.name.equals("login-ip")) {
                    guard.giveBack(counter);
                } else {
                    guard.clear(counter);
                }
            }
        }

        /** Wrong password: the reservation stays counted as the failure. */
        public void failed() {}

        /** The password was never judged (e.g. the database was down): the attempt is given back. */
        public void abandoned() {
            counters.forEach(guard::giveBack);
        }
    }
}
