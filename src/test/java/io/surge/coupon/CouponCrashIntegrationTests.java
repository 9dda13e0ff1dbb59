package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.surge.support.Api;
import io.surge.support.AppProcess;
import io.surge.support.IntegrationTest;
import io.surge.support.TestServices;
import io.surge.support.Tokens;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * An instance is SIGKILLed while members are being issued coupons: every 201 it gave has its row, and within 10 s,
 * with no admin action, the units it took in Redis but never stored are settled by the surviving instance (this
 * test's own): rows + remaining = total, nobody in Redis's holders without a row, nobody twice.
 */
@IntegrationTest
class CouponCrashIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CouponManagement coupons;

    @Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @Autowired
    io.surge.redis.RedisKeyspace keyspace;

    @Test
    void everyAnsweredIssueSurvivesAKill9() throws Exception {
        assumeFalse(TestServices.useContainers(), "the killed process runs against the local services");
        Tokens tokens = new Tokens(encoder);
        long couponId = Campaigns.open(new Api(port), tokens.admin(1), 100_000);
        Set<Long> answered = ConcurrentHashMap.newKeySet();
        AtomicLong nextMember = new AtomicLong(10_000_000);
        AtomicBoolean firing = new AtomicBoolean(true);

        try (AppProcess victim = AppProcess.start()) {
            Api api = new Api(victim.port());
            ExecutorService clients = Executors.newFixedThreadPool(16);
            for (int i = 0; i < 16; i++) {
                clients.execute(() -> {
                    while (firing.get()) {
                        try {
                            var r = api.post(
                                    "/api/coupons/" + couponId + "/issue",
                                    "",
                                    tokens.member(nextMember.incrementAndGet()));
                            if (r.status() == 201) {
                                answered.add(r.json().get("userCouponId").asLong());
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> answered.size() >= 300);
            victim.kill();
            firing.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<Long> rows = jdbc.sql("SELECT id FROM user_coupon WHERE coupon_id = ?")
                .param(couponId)
                .query(Long.class)
                .list();
        assertThat(rows).containsAll(answered).doesNotHaveDuplicates();

        new LedgerInvariants(jdbc, redis, keyspace.prefix()).awaitSettled(couponId, 100_000);
        List<Long> settled = jdbc.sql("SELECT id FROM user_coupon WHERE coupon_id = ?")
                .param(couponId)
                .query(Long.class)
                .list();
        assertThat(settled).containsAll(answered).doesNotHaveDuplicates();
        assertThat(coupons.find(couponId).remainingQuantity()).isEqualTo(100_000L - settled.size());
    }
}
