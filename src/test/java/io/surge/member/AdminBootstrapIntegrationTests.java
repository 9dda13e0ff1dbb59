package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

@IntegrationTest
@TestPropertySource(
        properties = {"surge.member.admin-email=Root-Admin@Surge.test", "surge.member.admin-password=admin-pass-123"})
class AdminBootstrapIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    JdbcClient jdbc;

    /** On main a previous SURGE_ADMIN_EMAIL kept ADMIN for ever, and its tokens with it. */
    @Test
    void rotatingTheAdminEmailDemotesThePreviousAdminAndRevokesItsTokens() {
        Api api = new Api(port);
        String previous = "previous-admin-" + UUID.randomUUID() + "@example.com";
        api.signUpAndLogIn(previous);
        jdbc.sql("UPDATE member SET roles = 'ADMIN,USER', bootstrap_admin = TRUE WHERE email = ?")
                .param(previous)
                .update();
        String previousToken = api.logIn(previous, "password123");
        assertThat(api.get("/api/admin/rate-limits", previousToken).status()).isEqualTo(200);

        bootstrap.run(null); // what the next start-up with the new SURGE_ADMIN_EMAIL does

        assertThat(api.get("/api/members/me", previousToken).status()).isEqualTo(401);
        String afterwards = api.logIn(previous, "password123");
        assertThat(api.get("/api/members/me", afterwards).json().get("roles").toString())
                .doesNotContain("ADMIN");
        assertThat(api.get("/api/admin/rate-limits", afterwards).status()).isEqualTo(403);
        String current = api.logIn("root-admin@surge.test", "admin-pass-123");
        assertThat(api.get("/api/admin/rate-limits", current).status()).isEqualTo(200);
    }

    @Test
    void adminAccountFromEnvLogsInWithAdminRole() {
        Api api = new Api(port);
        String token = api.logIn("root-admin@surge.test", "admin-pass-123");

        var me = api.get("/api/members/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles").toString()).contains("ADMIN").contains("USER");
    }

    @Test
    void adminRoutesNeedTheAdminRole() {
        Api api = new Api(port);
        String admin = api.logIn("root-admin@surge.test", "admin-pass-123");
        String user = api.signUpAndLogIn("plain-" + UUID.randomUUID() + "@example.com");

        var anonymous = api.get("/api/admin/anything", null);
        var asUser = api.get("/api/admin/anything", user);
        var asAdmin = api.get("/api/admin/anything", admin);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.code()).isEqualTo("FORBIDDEN");
        assertThat(asAdmin.status()).isEqualTo(404);
        assertThat(asAdmin.code()).isEqualTo("NOT_FOUND");
    }
}
