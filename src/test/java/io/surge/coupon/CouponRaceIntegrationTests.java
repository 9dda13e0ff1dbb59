package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** Stock 500, 1,000 members, 3,000 attempts from 64 threads (each member tries three times), then every row. */
@IntegrationTest
class CouponRaceIntegrationTests {

    static final int STOCK = 500;
    static final int MEMBERS = 1_000;
    static final int ATTEMPTS_PER_MEMBER = 3;
    static final long FIRST_MEMBER = 7_000_000;

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    record Attempt(long memberId, int status, String code) {}

    @Test
    void neverOverIssuesNeverIssuesTwiceAndEveryWinnerHasItsRow() throws Exception {
        Api api = new Api(port);
        Tokens tokens = new Tokens(encoder);
        long couponId = Campaigns.open(api, tokens.admin(1), STOCK);
        List<Long> attempts = new ArrayList<>();
        for (int round = 0; round < ATTEMPTS_PER_MEMBER; round++) {
            for (long m = FIRST_MEMBER; m < FIRST_MEMBER + MEMBERS; m++) {
                attempts.add(m);
            }
        }
        Collections.shuffle(attempts, new java.util.Random(42));
        Map<Long, String> tokenOf = new HashMap<>();
        attempts.forEach(m -> tokenOf.computeIfAbsent(m, tokens::member));

        List<Attempt> results = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
            List<Future<Attempt>> futures = new ArrayList<>();
            for (long memberId : attempts) {
                futures.add(pool.submit(() -> {
                    start.await();
                    var r = api.post("/api/coupons/" + couponId + "/issue", "", tokenOf.get(memberId));
                    return new Attempt(memberId, r.status(), r.status() == 201 ? null : r.code());
                }));
            }
            start.countDown();
            for (Future<Attempt> f : futures) {
                results.add(f.get());
            }
        }

        List<Attempt> winners = results.stream().filter(a -> a.status() == 201).toList();
        assertThat(winners).hasSize(STOCK);
        assertThat(winners.stream().map(Attempt::memberId).distinct()).hasSize(STOCK);
        var winnerIds = winners.stream().map(Attempt::memberId).collect(java.util.stream.Collectors.toSet());
        assertThat(results.stream().filter(a -> a.status() != 201)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(409);
            if (winnerIds.contains(a.memberId())) {
                assertThat(a.code()).isIn("COUPON_ALREADY_ISSUED", "COUPON_SOLD_OUT");
            } else {
                assertThat(a.code()).isEqualTo("COUPON_SOLD_OUT");
            }
        });

        List<Long> rowMembers = jdbc.sql("SELECT member_id FROM user_coupon WHERE coupon_id = ? ORDER BY member_id")
                .param(couponId)
                .query(Long.class)
                .list();
        assertThat(rowMembers).hasSize(STOCK).doesNotHaveDuplicates();
        assertThat(rowMembers).containsExactlyInAnyOrderElementsOf(winnerIds);
        assertThat(api.get("/api/coupons/" + couponId, null)
                        .json()
                        .get("remainingQuantity")
                        .asInt())
                .isZero();
    }
}
