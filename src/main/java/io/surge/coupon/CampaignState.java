package io.surge.coupon;

import io.surge.platform.redis.LoadedScript;
import io.surge.platform.redis.RedisKeyspace;
import io.surge.platform.resilience.Breakers;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * A campaign's state in Redis: {@code coupon:{id}:state} (window, stock, last ordinal) and {@code
 * coupon:{id}:holders} (member ids), both expiring at the window's end plus a grace period, so memory is bounded by
 * the campaigns still open. The hash tag keeps one campaign's keys in one Redis Cluster slot, as a script needs.
 */
@Component
class CampaignState {

    private static final int HOLDER_CHUNK = 1_000;
    private static final String NO_MEMBER = "0";

    @SuppressWarnings("rawtypes")
    private static final LoadedScript<List> ISSUE = LoadedScript.fromClasspath("scripts/coupon/issue.lua", List.class);

    private static final LoadedScript<Long> COMPENSATE =
            LoadedScript.fromClasspath("scripts/coupon/compensate.lua", Long.class);

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
     * waiting out the command timeout. Compensation deliberately bypasses it: undoing a unit is always worth a try.
     */
    IssueOutcome issue(long couponId, long memberId) {
        return breakers.call(
                Breakers.REDIS, () -> IssueOutcome.of(redis.execute(ISSUE, keys(couponId), Long.toString(memberId))));
    }

    boolean compensate(long couponId, long memberId, boolean keepHolder) {
        Long undone = redis.execute(
                COMPENSATE,
                List.of(stateKey(couponId), holdersKey(couponId)),
                Long.toString(memberId),
                keepHolder ? "keep-holder" : "remove-holder");
        return undone != null && undone == 1L;
    }

    OptionalLong remaining(long couponId) {
        Object stock = redis.opsForHash().get(stateKey(couponId), "stock");
        return stock == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(stock.toString()));
    }

    /** Writes the whole state from scratch: used when a campaign is created and when it is rebuilt from MySQL. */
    void write(Campaign campaign, Collection<Long> holders, long maxOrdinal) {
        String state = stateKey(campaign.id());
        String holdersKey = holdersKey(campaign.id());
        Instant expiry = campaign.issueEndsAt().plus(grace);
        redis.delete(List.of(state, holdersKey));
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
                                "seq", Long.toString(maxOrdinal)));
        redis.expireAt(state, expiry);
        redis.expireAt(holdersKey, expiry);
    }

    /** Closes the gate: while the key exists the issue script answers "rebuilding" and writes nothing. */
    boolean closeGate(long couponId, Duration maxRebuildTime) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(gateKey(couponId), "1", maxRebuildTime));
    }

    void openGate(long couponId) {
        redis.delete(gateKey(couponId));
    }

    List<String> keys(long couponId) {
        return List.of(stateKey(couponId), holdersKey(couponId), gateKey(couponId));
    }

    private String stateKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:state");
    }

    private String holdersKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:holders");
    }

    private String gateKey(long couponId) {
        return keyspace.key("coupon:{" + couponId + "}:rebuild");
    }
}
