package io.surge.traffic.ratelimit;

import io.surge.traffic.ratelimit.RateLimitProperties.Mode;
import io.surge.traffic.ratelimit.RateLimitProperties.Scope;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What operators see and change at runtime. A change is written to Redis and applied here at once; the other instances
 * pick it up at their next heartbeat (within the sync interval, 500 ms by default).
 */
@Service
public class RateLimitAdministration {

    private final Limits limits;
    private final Overrides overrides;
    private final ClusterSync sync;

    RateLimitAdministration(Limits limits, Overrides overrides, ClusterSync sync) {
        this.limits = limits;
        this.overrides = overrides;
        this.sync = sync;
    }

    public Snapshot snapshot() {
        List<LimitView> views = limits.all().stream()
                .map(limit -> new LimitView(
                        limit.name(),
                        limit.spec().route(),
                        limit.scope(),
                        limit.mode(),
                        limit.settings(),
                        limit.defaults(),
                        !limit.settings().equals(limit.defaults()),
                        limit.trackedKeys()))
                .toList();
        return new Snapshot(sync.instanceId(), limits.liveInstances(), views);
    }

    /**
     * @throws UnknownRateLimit when a name is not configured; nothing is changed then
     */
    public Snapshot override(Map<String, LimitSettings> changes) {
        List<String> unknown = changes.keySet().stream()
                .filter(name -> limits.get(name) == null)
                .toList();
        if (!unknown.isEmpty()) {
            throw UnknownRateLimit.of(unknown);
        }
        overrides.put(changes);
        sync.syncNow();
        return snapshot();
    }

    /** Back to the boot value from the environment. */
    public Snapshot reset(String name) {
        if (limits.get(name) == null) {
            throw UnknownRateLimit.of(List.of(name));
        }
        overrides.remove(name);
        sync.syncNow();
        return snapshot();
    }

    /**
     * @param instanceId this instance
     * @param liveInstances instances sharing the LOCAL budgets
     * @param limits every configured limit
     */
    public record Snapshot(String instanceId, int liveInstances, List<LimitView> limits) {}

    /**
     * @param effective what is enforced now, cluster-wide
     * @param boot what the environment set at start
     * @param overridden whether a runtime override is in force
     * @param trackedKeys LOCAL buckets held on this instance (members or IPs seen recently)
     */
    public record LimitView(
            String name,
            String route,
            Scope scope,
            Mode mode,
            LimitSettings effective,
            LimitSettings boot,
            boolean overridden,
            int trackedKeys) {}
}
