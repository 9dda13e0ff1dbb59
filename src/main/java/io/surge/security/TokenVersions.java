package io.surge.security;

import io.surge.lifecycle.PeriodicTask;
import io.surge.redis.RedisKeyspace;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.stereotype.Component;

/**
 * Token revocation without a round trip per request. A member's tokens carry the member's token version
 * ({@code ver}); logging out or losing a role raises the version, and every token below it is refused. The decoder
 * asks this in-memory map (one hash lookup, nothing when nobody was revoked); the map is fed by a Redis sorted set of
 * {@code memberId:version} scored by revocation time, read incrementally every sync interval, so a revocation on one
 * instance holds on every instance within that interval (on the revoking one at once). Entries older than the token
 * lifetime (plus clock skew) are dropped: every token they could void has expired by then.
 *
 * <p>Redis down: the last known floors stay in force and revocations fail loudly (the caller answers 503); a flushed
 * Redis forgets the revocations of the last token lifetime (the member's version in MySQL still rises, so tokens
 * minted afterwards carry the new version).
 */
@Component
public class TokenVersions implements SmartLifecycle, HmacJwtDecoder.VersionFloor {

    private static final Logger log = LoggerFactory.getLogger(TokenVersions.class);
    private static final long SKEW_MILLIS = 60_000;
    /** Re-read this much before the last sync: another instance's clock may be that far behind ours. */
    private static final long OVERLAP_MILLIS = 5_000;

    private final ConcurrentHashMap<Long, Floor> floors = new ConcurrentHashMap<>();
    private final StringRedisTemplate redis;
    private final String key;
    private final long retainMillis;
    private final long syncMillis;
    private volatile long syncedAt;
    private volatile PeriodicTask scheduler;
    private volatile boolean failing;

    TokenVersions(StringRedisTemplate redis, RedisKeyspace keyspace, SecurityProperties properties) {
        this.redis = redis;
        this.key = keyspace.key("tokens:{revocations}");
        this.retainMillis = properties.tokenTtl().toMillis() + SKEW_MILLIS;
        this.syncMillis = properties.revocationSync().toMillis();
    }

    /** The lowest token version still valid for this member (0 when never revoked). Hot path: one map lookup. */
    @Override
    public long min(long memberId) {
        if (floors.isEmpty()) {
            return 0;
        }
        Floor floor = floors.get(memberId);
        return floor == null ? 0 : floor.version;
    }

    /** Voids the member's tokens below {@code version}: here at once, on every instance within one sync interval. */
    public void revoke(long memberId, long version) {
        long now = System.currentTimeMillis();
        raise(memberId, version, now);
        redis.opsForZSet().add(key, memberId + ":" + version, now);
    }

    void syncNow() {
        long now = System.currentTimeMillis();
        long from = syncedAt == 0 ? now - retainMillis : syncedAt - OVERLAP_MILLIS;
        try {
            Set<TypedTuple<String>> entries = redis.opsForZSet().rangeByScoreWithScores(key, from, Double.MAX_VALUE);
            if (entries != null) {
                for (TypedTuple<String> entry : entries) {
                    apply(entry.getValue(), entry.getScore());
                }
            }
            if (now / syncMillis % 60 == 0) { // about once a minute: forget what can no longer matter
                redis.opsForZSet().removeRangeByScore(key, 0, now - retainMillis);
            }
            syncedAt = now;
            if (failing) {
                log.info("Token revocation sync with Redis recovered");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Token revocation sync with Redis failed, keeping the known revocations: {}", e.toString());
                failing = true;
            }
        }
        floors.values().removeIf(floor -> floor.revokedAt < now - retainMillis);
    }

    private void apply(String value, Double score) {
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon <= 0 || score == null) {
            return;
        }
        try {
            raise(
                    Long.parseLong(value.substring(0, colon)),
                    Long.parseLong(value.substring(colon + 1)),
                    score.longValue());
        } catch (NumberFormatException e) {
            log.debug("Ignoring a malformed revocation entry {}", value);
        }
    }

    private void raise(long memberId, long version, long revokedAt) {
        floors.merge(
                memberId,
                new Floor(version, revokedAt),
                (old, added) -> added.version > old.version ? added : old.withRevokedAt(added.revokedAt));
    }

    int size() {
        return floors.size();
    }

    @Override
    public void start() {
        syncNow();
        scheduler = PeriodicTask.start("token-revocation-sync", Duration.ofMillis(syncMillis), this::syncNow);
    }

    @Override
    public void stop() {
        PeriodicTask task = scheduler;
        scheduler = null;
        if (task != null) {
            task.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Loaded before the web server accepts the first request. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private record Floor(long version, long revokedAt) {
        Floor withRevokedAt(long later) {
            return later > revokedAt ? new Floor(version, later) : this;
        }
    }
}
