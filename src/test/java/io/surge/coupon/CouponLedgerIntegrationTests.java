package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.redis.RedisKeyspace;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Each hole of the old ledger, reproduced exactly at the step where it opened (the Redis script ran, then the answer,
 * the row or the Redis history went missing), and the ledger healing by itself within 10 s, no admin action.
 */
@IntegrationTest
class CouponLedgerIntegrationTests {

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

    @Autowired
    CampaignState state;

    @Autowired
    CampaignCatalog catalog;

    @Autowired
    IssuedCouponWriter writer;

    @Autowired
    CouponManagement coupons;

    Api api;
    Tokens tokens;
    LedgerInvariants ledger;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tokens = new Tokens(encoder);
        ledger = new LedgerInvariants(jdbc, redis, keyspace.prefix());
    }

    String issuePath(long couponId) {
        return "/api/coupons/" + couponId + "/issue";
    }

    List<Long> couponsOf(long memberId) {
        var r = api.get("/api/members/me/coupons", tokens.member(memberId));
        List<Long> ids = new ArrayList<>();
        r.json().forEach(c -> ids.add(c.get("couponId").asLong()));
        return ids;
    }

    /** The script took units for these members, and then nothing: the instance died, or its Redis answer was lost. */
    void scriptRanAndAnswerLost(long couponId, long... members) {
        for (long m : members) {
            assertThat(state.issue(couponId, m).issued()).isTrue();
        }
    }

    @Test
    void aUnitWhoseAnswerWasLostIsStoredAndItsMemberIsNeverLockedOut() {
        long couponId = Campaigns.open(api, tokens.admin(1), 10);
        scriptRanAndAnswerLost(couponId, 21_000_001, 21_000_002);

        // the member retries at once: their pending unit is settled on the spot, a 201, not ALREADY_ISSUED
        var retry = api.post(issuePath(couponId), "", tokens.member(21_000_001));
        assertThat(retry.status()).as(retry.body()).isEqualTo(201);
        assertThat(api.post(issuePath(couponId), "", tokens.member(21_000_001)).code())
                .isEqualTo("COUPON_ALREADY_ISSUED");
        // the other never comes back: a settler stores it once it is older than the write timeout
        ledger.awaitSettled(couponId, 10);
        assertThat(couponsOf(21_000_002)).containsExactly(couponId);
        assertThat(api.post(issuePath(couponId), "", tokens.member(21_000_002)).code())
                .isEqualTo("COUPON_ALREADY_ISSUED");
        assertThat(coupons.find(couponId).remainingQuantity()).isEqualTo(8);
    }

    @Test
    void aRowThatCommittedWhileItsAcknowledgementWasLostIsConfirmedNotGivenBack() {
        long couponId = Campaigns.open(api, tokens.admin(1), 10);
        long member = 22_000_001;
        IssueOutcome outcome = state.issue(couponId, member);
        // the multi-row insert committed, then the connection dropped: the writer saw an error, MySQL has the row
        Campaign campaign = catalog.get(couponId);
        Instant at = Instant.ofEpochMilli(outcome.issuedAtMillis());
        jdbc.sql("INSERT INTO user_coupon (id, coupon_id, member_id, status, issued_at, expires_at)"
                        + " VALUES (?, ?, ?, 'AVAILABLE', ?, ?)")
                .params(
                        campaign.userCouponId(outcome.ordinal()),
                        couponId,
                        member,
                        java.sql.Timestamp.from(at),
                        java.sql.Timestamp.from(campaign.expiryOfCouponIssuedAt(at)))
                .update();

        ledger.awaitSettled(couponId, 10);
        // compensating it (the old writer's guess) would have put a tenth-plus-one unit back on sale
        assertThat(coupons.find(couponId).remainingQuantity()).isEqualTo(9);
        assertThat(couponsOf(member)).containsExactly(couponId);
        for (long m = 22_000_100; m < 22_000_120; m++) {
            api.post(issuePath(couponId), "", tokens.member(m));
        }
        ledger.awaitSettled(couponId, 10);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_coupon WHERE coupon_id = ?")
                        .param(couponId)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
    }

    @Autowired
    io.surge.traffic.resilience.Breakers breakers;

    /** With MySQL known down (its breaker open) no unit is taken: nothing pending to turn into a surprise coupon. */
    @Test
    void anOpenMySqlBreakerRefusesBeforeAUnitIsTaken() {
        long couponId = Campaigns.open(api, tokens.admin(1), 10);
        var mysql = breakers.get(io.surge.traffic.resilience.Breakers.MYSQL);
        mysql.transitionToForcedOpenState();
        try {
            var refused = api.post(issuePath(couponId), "", tokens.member(25_000_001));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotNull();
        } finally {
            mysql.transitionToClosedState();
        }
        assertThat(coupons.find(couponId).remainingQuantity()).isEqualTo(10);
        assertThat(state.pending(couponId)).isEmpty();
        assertThat(api.post(issuePath(couponId), "", tokens.member(25_000_001)).status())
                .isEqualTo(201);
        ledger.awaitSettled(couponId, 10);
    }

    @Test
    void aRowIssuedBeforeARebuildNeverLandsAfterIt() {
        long couponId = Campaigns.open(api, tokens.admin(1), 5);
        long member = 23_000_001;
        IssueOutcome outcome = state.issue(couponId, member);
        Campaign campaign = catalog.get(couponId);
        Instant at = Instant.ofEpochMilli(outcome.issuedAtMillis());
        var late = new IssuedCouponWriter.Row(
                campaign.userCouponId(outcome.ordinal()),
                couponId,
                member,
                at,
                campaign.expiryOfCouponIssuedAt(at),
                outcome.epoch());

        assertThat(coupons.rebuild(couponId)).isTrue(); // counts no row for the member: the unit is back on sale
        // the write arrives after the rebuild, however late (a stalled writer, a statement the server finished
        // after the client gave up): the epoch fence refuses it, no settle-time guess involved
        assertThat(writer.settle(List.of(late))).containsEntry(late, IssuedCouponWriter.Result.STALE);
        assertThat(coupons.find(couponId).remainingQuantity()).isEqualTo(5);
        ledger.awaitSettled(couponId, 5);
        var again = api.post(issuePath(couponId), "", tokens.member(member));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        ledger.awaitSettled(couponId, 5);
    }

    @Test
    void aRedisStateThatWentBackInTimeIsRebuiltAndNeverOverIssues() throws Exception {
        int total = 12;
        long couponId = Campaigns.open(api, tokens.admin(1), total);
        for (long m = 24_000_001; m <= 24_000_006; m++) {
            assertThat(api.post(issuePath(couponId), "", tokens.member(m)).status())
                    .isEqualTo(201);
        }
        String prefix = keyspace.key("coupon:{" + couponId + "}:");
        Map<String, byte[]> snapshot = new java.util.HashMap<>();
        for (String part : List.of("state", "holders", "pending")) {
            snapshot.put(part, redis.dump(prefix + part));
        }
        for (long m = 24_000_007; m <= 24_000_010; m++) {
            assertThat(api.post(issuePath(couponId), "", tokens.member(m)).status())
                    .isEqualTo(201);
        }
        // Redis restarts from an everysec AOF / a lagging replica is promoted: the last four issues never happened
        snapshot.forEach(
                (part, bytes) -> redis.restore(prefix + part, bytes, 0, java.util.concurrent.TimeUnit.SECONDS, true));

        List<Long> members = new ArrayList<>();
        for (long m = 24_000_007; m <= 24_000_030; m++) {
            members.add(m);
        }
        record Answer(long member, int status, String code) {}
        List<Answer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (long m : members) {
                    futures.add(pool.submit(() -> {
                        var r = api.post(issuePath(couponId), "", tokens.member(m));
                        return new Answer(m, r.status(), r.status() == 201 ? null : r.code());
                    }));
                }
                Thread.sleep(700);
            }
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        }
        ledger.awaitSettled(couponId, total);
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(201, 409, 503));
        for (Answer a : answers) {
            if ("COUPON_ALREADY_ISSUED".equals(a.code())) {
                assertThat(couponsOf(a.member()))
                        .as("member %d told ALREADY_ISSUED", a.member())
                        .contains(couponId);
            }
        }
        for (long m = 24_000_007; m <= 24_000_010; m++) {
            assertThat(couponsOf(m))
                    .as("the coupon of %d survives the regression", m)
                    .containsExactly(couponId);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_coupon WHERE coupon_id = ?")
                        .param(couponId)
                        .query(Long.class)
                        .single())
                .isEqualTo(total);
    }
}
