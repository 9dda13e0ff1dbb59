package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.redis.RedisKeyspace;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** Bounded memory: every campaign key expires, and once sold out the rejection flood writes nothing. */
@IntegrationTest
class CouponRedisMemoryIntegrationTests {

    static final RedisScript<Long> MEMORY_USAGE =
            RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', 0)", Long.class);

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    @Test
    void campaignKeysExpireAfterTheWindowPlusGraceAndSoldOutTrafficLeavesRedisUnchanged() {
        Api api = new Api(port);
        Tokens tokens = new Tokens(encoder);
        Instant ends = Instant.now().plus(Duration.ofMinutes(30));
        long couponId = Campaigns.create(api, tokens.admin(1), 5, Instant.now().minusSeconds(5), ends);
        for (long m = 9_000_000; m < 9_000_005; m++) {
            assertThat(api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(m))
                            .status())
                    .isEqualTo(201);
        }
        List<String> keys = List.of(
                keyspace.key("coupon:{" + couponId + "}:state"), keyspace.key("coupon:{" + couponId + "}:holders"));
        long expectedExpiry = ends.plus(Duration.ofHours(1)).toEpochMilli();
        for (String key : keys) {
            long expireAt =
                    System.currentTimeMillis() + redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(expireAt).as(key).isBetween(expectedExpiry - 5_000, expectedExpiry + 5_000);
        }
        long before = memory(keys);
        String stateBefore = redis.opsForHash().entries(keys.get(0)).toString();

        for (long m = 9_100_000; m < 9_100_300; m++) {
            assertThat(api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(m))
                            .code())
                    .isEqualTo("COUPON_SOLD_OUT");
        }

        assertThat(memory(keys)).isEqualTo(before);
        assertThat(redis.opsForHash().entries(keys.get(0)).toString()).isEqualTo(stateBefore);
        assertThat(redis.opsForSet().size(keys.get(1))).isEqualTo(6); // 5 holders + the placeholder
    }

    private long memory(List<String> keys) {
        return keys.stream()
                .mapToLong(key -> redis.execute(MEMORY_USAGE, List.of(key)))
                .sum();
    }
}
