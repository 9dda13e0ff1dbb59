package io.surge.coupon;

import io.surge.redis.LoadedScript;
import io.surge.redis.RedisKeyspace;
import io.surge.traffic.resilience.Breakers;
import io.surge.web.ServiceUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A campaign's state in Redis: {@code coupon:{id}:state} (window, stock, last ordinal, epoch), {@code
 * coupon:{id}:holders} (member ids) and {@code coupon:{id}:pending} (units taken whose rows are not confirmed yet),
 * all expiring at the window's end plus a grace period, so memory is bounded by the campaigns still open. The hash
 * tag keeps one campaign's keys in one Redis Cluster slot, as a script needs.
 */
@Component
class CampaignState {

    private static final int HOLDER_CHUNK = 1_000;
    private static final String NO_MEMBER = "0";

    @SuppressWarnings("rawtypes")
    private static final LoadedScript<List> ISSUE = LoadedScript.fromClasspath("scripts/coupon/issue.lua", List.class);

    private static final LoadedScript<Long> RELEASE =
            LoadedScript.fromClasspath("scripts/coupon/release.lua", Long.class);

    /** What the audit compares with MySQL; empty fields when the state is missing. */
    record Snapshot(boolean present, boolean rebuilding, long stock, long seq, long epoch, long holders) {}

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final Breakers breakers;
    private final Duration grace;

    CampaignState(StringRedisTemplate redis, RedisKeyspace keyspace, Breakers breakers, CouponProperties properties) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.breakers = breakers;
        this.grace = properties.redisGrace();
    }

    /**
     * Through the shared {@code redis} breaker: when Redis hangs, issuing answers 503 at once instead of every request
     * waiting out the command timeout. Releasing and confirming deliberately bypass it: settling is always worth a try.
     *
     * <p>A timed-out call is asked once more. A late answer is often not a slow Redis but this instance paused (a
     * full GC, a starved CPU) while Redis answered in time; the member should not get a 503 for that. Asking again is
     * safe: if the first call took a unit, the script finds it pending and the caller settles it; if it never ran,
     * this is the member's attempt. A Redis that is really slow fails the second call too, and the breaker counts it.
     */
    IssueOutcome issue(long couponId, long memberId) {
        try {
            return runIssue(couponId, memberId);
        } catch (QueryTimeoutException late) {
            return runIssue(couponId, memberId);
        }
    }

    private IssueOutcome runIssue(long couponId, long memberId) {
        try {
            return breakers.call(
                    Breakers.REDIS,
                    () -> IssueOutcome.of(redis.execute(ISSUE, issueKeys(couponId), Long.toString(memberId))));
        } catch (RedisSystemException e) {
            // Lettuce reports a connection reset by a restarting Redis as a generic Redis exception: to the member
            // that is "unavailable, retry" (the script may have run: the pending record settles it), never a 500
            if (e.getMostSpecificCause() instanceof java.io.IOException) {
                throw new ServiceUnavailable("Redis connection lost; retry shortly.");
            }
            throw e;
        }
    }

    /** Gives the unit back (guarded by its exact pending record, so at most once); true when it went back. */
    boolean release(IssuedCouponWriter.Row row, boolean keepHolder) {
        Long undone = redis.execute(
                RELEASE,
                List.of(stateKey(row.couponId()), holdersKey(row.couponId()), pendingKey(row.couponId())),
                Long.toString(row.memberId()),
                row.pendingRecord(),
                keepHolder ? "keep-holder" : "remove-holder");
        return undone != null && undone == 1L;
    }

    /** The rows are committed: their pending records go, one HDEL per campaign. */
    void confirm(long couponId, Collection<Long> memberIds) {
        if (!memberIds.isEmpty()) {
            redis.opsForHash()
                    .delete(
                            pendingKey(couponId),
                            memberIds.stream().map(String::valueOf).toArray());
        }
    }

    /** Pending records (member id -> "ordinal:issuedAtMs:epoch"), without the placeholder. */
    Map<Long, String> pending(long couponId) {
        Map<Object, Object> all = redis.opsForHash().entries(pendingKey(couponId));
        Map<Long, String> pending = new java.util.HashMap<>(all.size());
        all.forEach((member, value) -> {
            if (!NO_MEMBER.equals(member)) {
                pending.put(Long.parseLong(member.toString()), value.toString());
            }
        });
        return pending;
    }

    Snapshot snapshot(long couponId) {
        List<Object> fields = redis.opsForHash().multiGet(stateKey(couponId), List.of("stock", "seq", "epoch"));
        boolean rebuilding = Boolean.TRUE.equals(redis.hasKey(gateKey(couponId)));
        if (fields.get(0) == null) {
            return new Snapshot(false, rebuilding, 0, 0, 0, 0);
        }
        Long holders = redis.opsForSet().size(holdersKey(couponId));
        return new Snapshot(
                true,
                rebuilding,
                Long.parseLong(fields.get(0).toString()),
                fields.get(1) == null ? 0 : Long.parseLong(fields.get(1).toString()),
                fields.get(2) == null ? 0 : Long.parseLong(fields.get(2).toString()),
                holders == null ? 0 : Math.max(0, holders - 1));
    }

    OptionalLong remaining(long couponId) {
        Object stock = redis.opsForHash().get(stateKey(couponId), "stock");
        return stock == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(stock.toString()));
    }

    /** Writes the whole state from scratch: used when a campaign is created and when it is rebuilt from MySQL. */
    void write(Campaign campaign, Collection<Long> holders, long maxOrdinal, long epoch) {
        String state = stateKey(campaign.id());
        String holdersKey = holdersKey(campaign.id());
        String pendingKey = pendingKey(campaign.id());
        Instant expiry = campaign.issueEndsAt().plus(grace);
        redis.delete(List.of(state, holdersKey, pendingKey));
        // "0" is never a member id: it makes the set exist from the start, so it carries the expiry before the
        // first issue and the script never has to set a TTL on the hot path.
        List<String> members = new java.util.ArrayList<>(holders.size() + 1);
        members.add(NO_MEMBER);
        holders.forEach(holder -> members.add(holder.toString()));
        for (int from = 0; from < members.size(); from += HOLDER_CHUNK) {
            List<String> chunk = members.subList(from, Math.min(members.size(), from + HOLDER_CHUNK));
            redis.opsForSet().add(holdersKey, chunk.toArray(String[]::new));
        }
        redis.opsForHash()
                .putAll(
                        state,
                        Map.of(
                                "starts", Long.toString(campaign.issueStartsAt().toEpochMilli()),
                                "ends", Long.toString(campaign.issueEndsAt().toEpochMilli()),
                                "stock", Long.toString(campaign.totalQuantity() - (long) holders.size()),
                                "seq", Long.toString(maxOrdinal),
                                "epoch", Long.toString(epoch)));
        redis.opsForHash().put(pendingKey, NO_MEMBER, "");
        redis.expireAt(state, expiry);
        redis.expireAt(holdersKey, expiry);
        redis.expireAt(pendingKey, expiry);
    }

    /** Closes the gate: while the key exists the issue script answers "rebuilding" and writes nothing. */
    boolean closeGate(long couponId, Duration maxRebuildTime) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(gateKey(couponId), "1", maxRebuildTime));
    }

    void openGate(long couponId) {
        redis.delete(gateKey(couponId));
    }

    List<String> issueKeys(long couponId) {
        return List.of(stateKey(couponId), holdersKey(couponId), gateKey(couponId), pendingKey(couponId));
    }

    private String stateKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:state");
    }

    private String holdersKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:holders");
    }

    private String pendingKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:pending");
    }

    private String gateKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:rebuild");
    }
}
