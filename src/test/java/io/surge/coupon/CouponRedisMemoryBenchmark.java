package io.surge.coupon;

import io.surge.redis.RedisKeyspace;
import io.surge.support.BenchmarkReport;
import io.surge.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Redis bytes per issued coupon: campaigns of growing size, holders issued through the real script for the small
 * one and written in bulk (same encoding) for the large ones, measured with MEMORY USAGE (exact, SAMPLES 0).
 * Run: {@code ./mvnw verify -Pbenchmark -Dtest=CouponRedisMemoryBenchmark}.
 */
@Tag("benchmark")
@IntegrationTest
class CouponRedisMemoryBenchmark {

    static final RedisScript<Long> MEMORY_USAGE =
            RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', 0)", Long.class);

    @Autowired
    CampaignState state;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    @Test
    void bytesPerIssuedCoupon() {
        BenchmarkReport report = new BenchmarkReport("coupon-redis-memory")
                .context("redis", redis.execute((org.springframework.data.redis.core.RedisCallback<Object>)
                        c -> c.serverCommands().info("server").getProperty("redis_version")))
                .context("memberIds", "8-digit integers");
        long couponId = 900_000_000L;
        for (int holders : new int[] {0, 100, 1_000, 10_000, 100_000, 1_000_000}) {
            couponId++;
            Campaign campaign = new Campaign(
                    couponId,
                    "bench",
                    DiscountType.AMOUNT,
                    1,
                    2_000_000,
                    Instant.now().minusSeconds(1),
                    Instant.now().plus(Duration.ofHours(1)),
                    1);
            List<Long> members =
                    LongStream.range(10_000_000, 10_000_000 + holders).boxed().toList();
            if (holders <= 1_000) {
                state.write(campaign, List.of(), 0, 0);
                members.forEach(m -> state.issue(campaign.id(), m));
            } else {
                state.write(campaign, members, holders, 0);
            }
            long stateBytes = usage("coupon:{" + couponId + "}:state");
            long holderBytes = usage("coupon:{" + couponId + "}:holders");
            report.row(
                    "issued", holders,
                    "stateBytes", stateBytes,
                    "holdersBytes", holderBytes,
                    "totalMiB", String.format("%.2f", (stateBytes + holderBytes) / 1048576.0),
                    "bytesPerCoupon",
                            holders == 0 ? "-" : String.format("%.1f", (double) (stateBytes + holderBytes) / holders));
            redis.delete(List.of(
                    keyspace.key("coupon:{" + couponId + "}:state"),
                    keyspace.key("coupon:{" + couponId + "}:holders")));
        }
        report.write();
    }

    private long usage(String key) {
        Long bytes = redis.execute(MEMORY_USAGE, List.of(keyspace.key(key)));
        return bytes == null ? 0 : bytes;
    }
}
