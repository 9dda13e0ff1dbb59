package io.surge.member;

import io.surge.redis.LoadedScript;
import io.surge.redis.RedisKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster's share of the password-hash budget: at most {@code SURGE_PASSWORD_HASH_CLUSTER_CONCURRENCY} hashes at
 * once across every instance that shares this Redis. The per-instance budget alone bounds the cores one instance
 * burns, but four instances on two cores (the native stage) or on one node still took every core between them; the
 * cluster's budget is what leaves the other routes their CPU when instances share hardware.
 *
 * <p>Each hash holds a lease: a member of one sorted set scored by its expiry, taken by {@code hash_lease.lua} and
 * removed when the hash ends. A lease outlives a dead instance by at most {@link #LEASE_TTL}. Only signup and login
 * pay the two extra round trips (well under a millisecond against a bcrypt of 1–60 ms); the coupon path never comes
 * here. Redis unreachable: the hash is admitted and the per-instance budget still bounds it (logins must not fail
 * because a limiter cannot count).
 */
@Component
class ClusterHashBudget {

    /** Longer than any hash takes on an overloaded box; only matters when an instance dies holding a lease. */
    static final Duration LEASE_TTL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ClusterHashBudget.class);
    private static final LoadedScript<Long> TAKE =
            LoadedScript.fromClasspath("scripts/member/hash_lease.lua", Long.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(8);

    private final StringRedisTemplate redis;
    private final List<String> key;
    private final String limit;
    private final String ttlMillis;
    private final String leasePrefix = UUID.randomUUID().toString().substring(0, 8) + ':';
    private final AtomicLong leases = new AtomicLong();
    private final boolean enabled;

    @Autowired
    ClusterHashBudget(StringRedisTemplate redis, RedisKeyspace keyspace, MemberProperties properties) {
        this(
                redis,
                keyspace.key("member:{hash-budget}:leases"),
                properties.passwordHashClusterConcurrency(),
                LEASE_TTL);
    }

    ClusterHashBudget(StringRedisTemplate redis, String key, int concurrency, Duration leaseTtl) {
        this.redis = redis;
        this.key = List.of(key);
        this.limit = Integer.toString(concurrency);
        this.ttlMillis = Long.toString(leaseTtl.toMillis());
        this.enabled = concurrency > 0;
    }

    /**
     * Takes a lease, retrying with a short backoff until {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @return the lease to give back, or {@code null} when every lease of the cluster stayed held until the deadline
     */
    Lease take(long deadlineNanos) {
        if (!enabled) {
            return Lease.NONE;
        }
        String id = leasePrefix + leases.incrementAndGet();
        long backoff = FIRST_BACKOFF_NANOS;
        try {
            while (true) {
                if (redis.execute(TAKE, key, limit, ttlMillis, id) == 1L) {
                    return new Lease(id);
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(backoff, left));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            log.warn(
                    "Cluster hash budget could not reach Redis, admitting within this instance's budget: {}",
                    e.toString());
            return Lease.NONE;
        }
    }

    void giveBack(Lease lease) {
        if (lease.id == null) {
            return;
        }
        try {
            redis.opsForZSet().remove(key.getFirst(), lease.id);
        } catch (RuntimeException e) {
            log.warn("Cluster hash budget could not give a lease back (it expires by itself): {}", e.toString());
        }
    }

    /** A held lease; {@link #NONE} when no lease was needed (budget off, or Redis unreachable). */
    record Lease(String id) {
        static final Lease NONE = new Lease(null);
    }
}
