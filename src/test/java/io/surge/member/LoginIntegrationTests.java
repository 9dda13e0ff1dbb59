package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

@IntegrationTest
class LoginIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    Api api;
    String email;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        email = "login-" + UUID.randomUUID() + "@example.com";
        api.post("/api/auth/signup", Map.of("email", email, "password", "password123", "name", "Lee"), null);
    }

    @Test
    void goodCredentialsGiveBearerTokenThatOpensMe() {
        var login = api.post("/api/auth/login", Map.of("email", email.toUpperCase(), "password", "password123"), null);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(3600);
        var me = api.get("/api/members/me", login.json().get("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);
        assertThat(me.json().get("name").asString()).isEqualTo("Lee");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void wrongPasswordAndUnknownEmailAreIndistinguishable() {
        var wrongPassword = api.post("/api/auth/login", Map.of("email", email, "password", "wrong-password"), null);
        var unknownEmail = api.post(
                "/api/auth/login", Map.of("email", "nobody-" + UUID.randomUUID() + "@x.io", "password", "x"), null);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void meRejectsMissingForgedAndExpiredTokens() {
        String valid = api.logIn(email, "password123");
        String forged = tokenSignedWith(
                new NimbusJwtEncoder(new ImmutableSecret<>("another-secret-of-at-least-32-bytes-long!".getBytes())),
                Instant.now().plusSeconds(600));
        String expired = tokenSignedWith(encoder, Instant.now().minusSeconds(3600));
        String tampered = valid.substring(0, valid.length() - 4) + "AAAA";

        assertThat(api.get("/api/members/me", valid).status()).isEqualTo(200);
        for (String bad : new String[] {null, forged, expired, tampered, "not-a-jwt"}) {
            var response = api.get("/api/members/me", bad);
            assertThat(response.status()).as("token %s", bad).isEqualTo(401);
            assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        }
    }

    private static String tokenSignedWith(JwtEncoder signer, Instant expiresAt) {
        return Tokens.signed(signer, MacAlgorithm.HS256, 1, expiresAt);
    }
}
