package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.Instances;
import io.surge.support.IntegrationTest;
import io.surge.support.TcpProxy;
import io.surge.support.TestServices;
import io.surge.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Real faults between an instance and its stores, through a {@link TcpProxy}: Redis answers after the client gave
 * up (the script ran), and MySQL connections drop in the middle of group-committed inserts under load. After each,
 * every row is checked: the ledger balances within 10 s, no admin action, nobody locked out, nothing lost or doubled.
 */
@IntegrationTest
class CouponFaultIntegrationTests {

    @Autowired
    JwtEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void aRedisTimeoutAfterTheScriptRanLocksNobodyOut() throws Exception {
        behindARedisProxy((redisProxy, api, tokens, couponId, path, ledger) -> {
            redisProxy.delayReplies(Duration.ofMillis(900));
            var timedOut = api.post(path, "", tokens.member(31_000_001));
            var alsoTimedOut = api.post(path, "", tokens.member(31_000_002));
            redisProxy.delayReplies(Duration.ZERO);
            assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(503);
            assertThat(alsoTimedOut.status()).as(alsoTimedOut.body()).isEqualTo(503);
            Thread.sleep(1_000); // the late replies drain; the scripts did run

            // one retries at once and is given the unit they took, not told ALREADY_ISSUED without a coupon
            var retry = api.post(path, "", tokens.member(31_000_001));
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            // the other never retries: the settler stores their unit if their script ran (the instance asks
            // Redis twice before a 503, so by then the breaker may have refused the call before any script ran)
            ledger.awaitSettled(couponId, 10);
            var mine = api.get("/api/members/me/coupons", tokens.member(31_000_002));
            var again = api.post(path, "", tokens.member(31_000_002));
            if (mine.json().isEmpty()) {
                assertThat(again.status()).as(again.body()).isEqualTo(201);
            } else {
                assertThat(mine.json().get(0).get("couponId").asLong()).isEqualTo(couponId);
                assertThat(again.code()).isEqualTo("COUPON_ALREADY_ISSUED");
            }
            ledger.awaitSettled(couponId, 10);
        });
    }

    @Test
    void anInstanceThatPausedPastTheRedisTimeoutStillAnswersTheCoupon() throws Exception {
        behindARedisProxy((redisProxy, api, tokens, couponId, path, ledger) -> {
            // Redis answers at once but the answer reaches the client 600 ms later, all at once: what a 0.6 s
            // stop-the-world pause looks like from inside the instance. The 400 ms timeout fires first.
            redisProxy.holdReplies(Duration.ofMillis(600));
            var paused = api.post(path, "", tokens.member(31_000_011));
            assertThat(paused.status()).as(paused.body()).isEqualTo(201);
            assertThat(paused.json().get("couponId").asLong()).isEqualTo(couponId);

            ledger.awaitSettled(couponId, 10);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM user_coupon WHERE coupon_id = ? AND member_id = ?")
                            .params(couponId, 31_000_011)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1L);
            assertThat(api.post(path, "", tokens.member(31_000_011)).code()).isEqualTo("COUPON_ALREADY_ISSUED");
        });
    }

    /** What a test does to an instance that reaches Redis only through a proxy (400 ms command timeout). */
    interface RedisProxyScenario {
        void run(TcpProxy redisProxy, Api api, Tokens tokens, long couponId, String path, LedgerInvariants ledger)
                throws Exception;
    }

    /** Starts such an instance with an open campaign of 10 units, runs the scenario, closes both. */
    private void behindARedisProxy(RedisProxyScenario scenario) throws Exception {
        String cluster = Instances.newCluster();
        Tokens tokens = new Tokens(encoder);
        try (TcpProxy redisProxy = TcpProxy.to(TestServices.redisAddress())) {
            ConfigurableApplicationContext app = Instances.start(
                    cluster, Map.of("spring.data.redis.port", redisProxy.port(), "spring.data.redis.timeout", "400ms"));
            try {
                Api api = new Api(Instances.port(app));
                long couponId = Campaigns.open(api, tokens.admin(1), 10);
                LedgerInvariants ledger =
                        new LedgerInvariants(jdbc, redis, TestServices.redisKeyPrefix() + cluster + ":");
                scenario.run(redisProxy, api, tokens, couponId, "/api/coupons/" + couponId + "/issue", ledger);
            } finally {
                app.close();
            }
        }
    }

    @Test
    void mySqlConnectionsDroppedMidInsertUnderLoadLoseAndDoubleNothing() throws Exception {
        String cluster = Instances.newCluster();
        Tokens tokens = new Tokens(encoder);
        int total = 100_000;
        try (TcpProxy mysql = TcpProxy.to(TestServices.mysqlAddress())) {
            ConfigurableApplicationContext app = Instances.start(
                    cluster,
                    Map.of(
                            "spring.datasource.url",
                            TestServices.localDatabaseUrlThrough(mysql.port()),
                            "spring.datasource.hikari.connection-timeout",
                            1000));
            try {
                Api api = new Api(Instances.port(app));
                long couponId = Campaigns.open(api, tokens.admin(1), total);
                Set<Long> answered = ConcurrentHashMap.newKeySet();
                AtomicInteger unavailable = new AtomicInteger();
                AtomicInteger other = new AtomicInteger();
                AtomicLong nextMember = new AtomicLong(32_000_000);
                AtomicBoolean firing = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(12);
                for (int i = 0; i < 12; i++) {
                    clients.execute(() -> {
                        while (firing.get()) {
                            var r = api.post(
                                    "/api/coupons/" + couponId + "/issue",
                                    "",
                                    tokens.member(nextMember.incrementAndGet()));
                            if (r.status() == 201) {
                                answered.add(r.json().get("userCouponId").asLong());
                            } else if (r.status() == 503) {
                                unavailable.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                        }
                    });
                }
                for (int round = 0; round < 3; round++) {
                    int before = answered.size();
                    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= before + 150);
                    mysql.cut(); // every connection drops, whatever statement or commit it was in the middle of
                    Thread.sleep(1_500);
                    mysql.restore();
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 600);
                firing.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

                new LedgerInvariants(jdbc, redis, TestServices.redisKeyPrefix() + cluster + ":")
                        .awaitSettled(couponId, total);
                List<Long> rows = jdbc.sql("SELECT id FROM user_coupon WHERE coupon_id = ?")
                        .param(couponId)
                        .query(Long.class)
                        .list();
                assertThat(rows).containsAll(answered).doesNotHaveDuplicates();
                assertThat(unavailable.get()).as("the cuts were felt").isPositive();
                assertThat(other.get()).isZero();
            } finally {
                app.close();
            }
        }
    }
}
