package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.redis.RedisKeyspace;
import io.surge.security.SecurityProperties;
import io.surge.security.TokenVersions;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Logout voids every token the member holds, here and, through Redis, on every other instance. */
@IntegrationTest
class TokenRevocationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeyspace keyspace;

    @Autowired
    SecurityProperties properties;

    @Autowired
    MemberManagement members;

    @Test
    void logoutRevokesEveryEarlierTokenOfThatMemberOnly() throws Exception {
        Api api = new Api(port);
        // Tests mint tokens for small member ids (Tokens.admin(1), Tokens.member(n)) that never signed up. On a
        // fresh test database this member could be id 1, and revoking it would void those tokens for every test
        // class after this one in the same JVM: move this member's id far past them.
        jdbc.sql("ALTER TABLE member AUTO_INCREMENT = 950000000").update();
        String email = "logout-" + UUID.randomUUID() + "@example.com";
        String first = api.signUpAndLogIn(email);
        String second = api.logIn(email, "password123");
        String bystander = api.signUpAndLogIn("bystander-" + UUID.randomUUID() + "@example.com");
        long memberId = api.get("/api/members/me", first).json().get("memberId").asLong();

        var logout = api.post("/api/auth/logout", "", first);

        assertThat(logout.status()).isEqualTo(204);
        for (String revoked : new String[] {first, second}) {
            var me = api.get("/api/members/me", revoked);
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.code()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(api.get("/api/members/me", bystander).status()).isEqualTo(200);
        String fresh = api.logIn(email, "password123");
        assertThat(api.get("/api/members/me", fresh).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT token_version FROM member WHERE id = ?")
                        .param(memberId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(api.post("/api/auth/logout", "", null).status()).isEqualTo(401);

        // another instance learns it from Redis at its next sync, without asking anyone per request
        Object peer = newPeer();
        Method min = TokenVersions.class.getMethod("min", long.class);
        Method sync = TokenVersions.class.getDeclaredMethod("syncNow");
        sync.setAccessible(true);
        assertThat(min.invoke(peer, memberId)).isEqualTo(0L);
        sync.invoke(peer);
        assertThat(min.invoke(peer, memberId)).isEqualTo(1L);
    }

    /** Logouts of one member on many threads at once (two devices, two instances): each one raises the version. */
    @Test
    void concurrentLogoutsOfOneMemberEachCount() throws Exception {
        jdbc.sql("ALTER TABLE member AUTO_INCREMENT = 960000000").update();
        Api api = new Api(port);
        String token = api.signUpAndLogIn("racing-logout-" + UUID.randomUUID() + "@example.com");
        long memberId = api.get("/api/members/me", token).json().get("memberId").asLong();
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> logouts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                logouts.add(pool.submit(() -> {
                    start.await();
                    members.logOut(memberId);
                    return null;
                }));
            }
            for (Future<?> logout : logouts) {
                logout.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(jdbc.sql("SELECT token_version FROM member WHERE id = ?")
                        .param(memberId)
                        .query(Long.class)
                        .single())
                .isEqualTo(threads);
        assertThat(api.get("/api/members/me", token).status()).isEqualTo(401);
    }

    private Object newPeer() throws Exception {
        Constructor<TokenVersions> constructor = TokenVersions.class.getDeclaredConstructor(
                StringRedisTemplate.class, RedisKeyspace.class, SecurityProperties.class);
        constructor.setAccessible(true);
        return constructor.newInstance(redis, keyspace, properties);
    }
}
