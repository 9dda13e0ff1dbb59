package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.redis.RedisKeyspace;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** Redis loses a live campaign's state: nobody gets a second coupon, nothing is over-issued, issuing resumes. */
@IntegrationTest
class CouponRecoveryIntegrationTests {

    static final long FIRST_MEMBER = 8_000_000;

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    record Answer(long memberId, int status, String code, String retryAfter, long millis) {}

    @Test
    void lostRedisStateIsRebuiltFromMySqlBeforeIssuingResumes() throws Exception {
        Api api = new Api(port);
        Tokens tokens = new Tokens(encoder);
        long couponId = Campaigns.open(api, tokens.admin(1), 20);
        for (long m = FIRST_MEMBER; m < FIRST_MEMBER + 10; m++) {
            assertThat(api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(m))
                            .status())
                    .isEqualTo(201);
        }

        redis.delete(List.of(
                keyspace.key("coupon:{" + couponId + "}:state"), keyspace.key("coupon:{" + couponId + "}:holders")));

        List<Answer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Answer>> futures = new ArrayList<>();
            for (long m = FIRST_MEMBER; m < FIRST_MEMBER + 40; m++) {
                long memberId = m;
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    var r = api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(memberId));
                    return new Answer(
                            memberId,
                            r.status(),
                            r.status() == 201 ? null : r.code(),
                            r.header("Retry-After"),
                            (System.nanoTime() - start) / 1_000_000);
                }));
            }
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(201, 409, 503));
        assertThat(answers.stream().filter(a -> a.status() == 503)).isNotEmpty().allSatisfy(a -> {
            assertThat(a.code()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(a.retryAfter()).isNotNull();
            // the gate stays closed for the 4 s settle time (test profile): a 503 that waited for it would be slow
            assertThat(a.millis()).isLessThan(3_000);
        });

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(FIRST_MEMBER))
                                .status()
                        != 503);
        String holdersKey = keyspace.key("coupon:{" + couponId + "}:holders");
        for (long m = FIRST_MEMBER; m < FIRST_MEMBER + 10; m++) {
            assertThat(redis.opsForSet().isMember(holdersKey, Long.toString(m)))
                    .as("holder %d restored", m)
                    .isTrue();
            var again = api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(m));
            assertThat(again.code()).as("holder %d", m).isIn("COUPON_ALREADY_ISSUED", "COUPON_SOLD_OUT");
        }
        int newWinners = 0;
        for (long m = FIRST_MEMBER + 100; m < FIRST_MEMBER + 130; m++) {
            var r = api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(m));
            if (r.status() == 201) {
                newWinners++;
            } else {
                assertThat(r.code()).isEqualTo("COUPON_SOLD_OUT");
            }
        }

        List<Long> rows = jdbc.sql("SELECT member_id FROM user_coupon WHERE coupon_id = ?")
                .param(couponId)
                .query(Long.class)
                .list();
        long answeredDuringRebuild =
                answers.stream().filter(a -> a.status() == 201).count();
        assertThat(rows).hasSize(20).doesNotHaveDuplicates();
        assertThat(10 + answeredDuringRebuild + newWinners).isEqualTo(20);
        assertThat(api.get("/api/coupons/" + couponId, null)
                        .json()
                        .get("remainingQuantity")
                        .asInt())
                .isZero();
    }
}
