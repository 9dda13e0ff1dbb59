package io.surge.traffic.ratelimit;

import io.surge.lifecycle.Instance;
import io.surge.lifecycle.PeriodicTask;
import io.surge.redis.RedisKeyspace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The background half of the local limits: every sync interval one Lua round trip heartbeats this instance into a
 * Redis sorted set, counts the live instances (each local bucket then holds {@code 1/n} of the budget) and reads the
 * overrides version (a runtime change reaches every instance within one interval). Redis being down keeps the last
 * known view; on shutdown the instance leaves the set so its peers take over its share at once.
 */
@Component
class ClusterSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterSync.class);

    private final Limits limits;
    private final Overrides overrides;
    private final StringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final List<String> keys;
    private final String instanceId;
    private final long syncMillis;
    private final String ttlMillis;
    private final boolean enabled;
    private volatile PeriodicTask scheduler;
    private volatile long appliedVersion = -1;
    private volatile boolean failing;

    ClusterSync(
            Limits limits,
            Overrides overrides,
            StringRedisTemplate redis,
            RedisScript<List<Long>> rateLimitSyncScript,
            RedisKeyspace keyspace,
            RateLimitProperties properties,
            Instance instance) {
        this.limits = limits;
        this.overrides = overrides;
        this.redis = redis;
        this.script = rateLimitSyncScript;
        this.keys = List.of(keyspace.key("ratelimit:{config}:instances"), overrides.versionKey());
        this.instanceId = instance.id();
        this.syncMillis = properties.syncInterval().toMillis();
        this.ttlMillis = Long.toString(properties.instanceTtl().toMillis());
        this.enabled = properties.enabled() && !properties.limits().isEmpty();
    }

    String instanceId() {
        return instanceId;
    }

    /** Runs one heartbeat now; also used after an admin change so this instance applies it without waiting. */
    void syncNow() {
        try {
            List<Long> result = redis.execute(script, keys, instanceId, ttlMillis, "1");
            limits.liveInstances(result.get(0).intValue());
            long version = result.get(1);
            if (version != appliedVersion) {
                apply(overrides.load());
                appliedVersion = version;
            }
            if (failing) {
                log.info("Rate-limit sync with Redis recovered; {} live instances", limits.liveInstances());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Rate-limit sync with Redis failed, keeping the last known limits: {}", e.toString());
                failing = true;
            }
        }
        long now = System.nanoTime();
        limits.all().forEach(limit -> limit.sweep(now));
    }

    private void apply(Map<String, LimitSettings> changed) {
        for (RouteLimit limit : limits.all()) {
            limit.apply(changed.getOrDefault(limit.name(), limit.defaults()));
        }
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        syncNow();
        scheduler = PeriodicTask.start("rate-limit-sync", Duration.ofMillis(syncMillis), this::syncNow);
    }

    @Override
    public void stop() {
        PeriodicTask task = scheduler;
        if (task == null) {
            return;
        }
        scheduler = null;
        task.stop();
        try {
            redis.execute(script, keys, instanceId, ttlMillis, "0");
        } catch (RuntimeException e) {
            log.debug("Could not leave the live-instance set; the entry expires by itself: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /**
     * Starts before the web server accepts requests and stops after it has drained (a lower phase starts earlier and
     * stops later), so in-flight requests keep a real share.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
