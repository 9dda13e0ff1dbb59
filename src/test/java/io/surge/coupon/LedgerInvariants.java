package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The invariants for one campaign, read from MySQL and Redis directly: rows + remaining = total, no pending
 * unit left, Redis's holders are exactly the members with a row (nobody told ALREADY_ISSUED without one), no member
 * twice, never more rows than the total. {@link #awaitSettled} gives the ledger the 10 s to heal by itself.
 */
record LedgerInvariants(JdbcClient jdbc, StringRedisTemplate redis, String keyPrefix) {

    static final Duration HEAL_WITHIN = Duration.ofSeconds(10);

    List<String> violations(long couponId, int total) {
        List<String> violations = new ArrayList<>();
        List<Long> members = jdbc.sql("SELECT member_id FROM user_coupon WHERE coupon_id = ?")
                .param(couponId)
                .query(Long.class)
                .list();
        Set<Long> distinct = new HashSet<>(members);
        String key = keyPrefix + "coupon:{" + couponId + "}:";
        Object stock = redis.opsForHash().get(key + "state", "stock");
        Set<Long> holders = redis.opsForSet().members(key + "holders").stream()
                .map(Long::parseLong)
                .filter(m -> m != 0)
                .collect(Collectors.toSet());
        Set<Object> pending = new HashSet<>(redis.opsForHash().keys(key + "pending"));
        pending.remove("0");
        if (distinct.size() != members.size()) {
            violations.add("a member holds two coupons");
        }
        if (members.size() > total) {
            violations.add(members.size() + " rows > total " + total);
        }
        if (stock == null) {
            violations.add("no Redis state");
        } else if (members.size() + Long.parseLong(stock.toString()) != total) {
            violations.add("rows " + members.size() + " + remaining " + stock + " != total " + total);
        }
        if (!pending.isEmpty()) {
            violations.add(pending.size() + " units still pending");
        }
        Set<Long> lockedOut = new HashSet<>(holders);
        lockedOut.removeAll(distinct);
        if (!lockedOut.isEmpty()) {
            violations.add(lockedOut.size() + " holders in Redis without a row (told ALREADY_ISSUED): " + lockedOut);
        }
        Set<Long> unknown = new HashSet<>(distinct);
        unknown.removeAll(holders);
        if (!unknown.isEmpty()) {
            violations.add(unknown.size() + " rows whose member Redis does not know (could get a second one)");
        }
        return violations;
    }

    /** Waits (at most {@link #HEAL_WITHIN}, no admin action) until the campaign balances; returns the wait. */
    Duration awaitSettled(long couponId, int total) {
        long start = System.nanoTime();
        List<List<String>> last = new ArrayList<>(List.of(List.of()));
        try {
            Awaitility.await()
                    .atMost(HEAL_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last.set(0, violations(couponId, total));
                        return last.get(0).isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            assertThat(last.get(0))
                    .as("campaign %d after %s", couponId, HEAL_WITHIN)
                    .isEmpty();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
