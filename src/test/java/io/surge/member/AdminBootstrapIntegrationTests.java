package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@IntegrationTest
@TestPropertySource(
        properties = {"surge.member.admin-email=Root-Admin@Surge.test", "surge.member.admin-password=admin-pass-123"})
class AdminBootstrapIntegrationTests {

    @LocalServerPort
    int port;

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
