package io.surge.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.surge.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The decoder against tokens from the application's own encoder (Nimbus), and against what an attacker sends. */
class HmacJwtDecoderTests {

    private static final SecretKey KEY = key("a-test-secret-of-at-least-32-bytes-long!!");
    private final HmacJwtDecoder decoder = new HmacJwtDecoder(KEY);

    @Test
    void acceptsTheApplicationsOwnTokensWithEveryClaim() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = sign(KEY, MacAlgorithm.HS256, now.plusSeconds(600));

        var jwt = decoder.decode(token);

        assertThat(jwt.getTokenValue()).isEqualTo(token);
        assertThat(jwt.getSubject()).isEqualTo("42");
        assertThat(jwt.getExpiresAt()).isEqualTo(now.plusSeconds(600));
        assertThat(jwt.getIssuedAt()).isEqualTo(now.plusSeconds(540));
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER", "ADMIN");
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
        assertThat(CurrentMember.id(jwt)).isEqualTo(42);
    }

    @Test
    void refusesForgedExpiredTamperedAndOtherAlgorithms() {
        Instant later = Instant.now().plusSeconds(600);
        String valid = sign(KEY, MacAlgorithm.HS256, later);
        String payload = valid.split("\\.")[1];

        assertRejected(sign(key("another-secret-of-at-least-32-bytes-long!"), MacAlgorithm.HS256, later));
        assertRejected(sign(KEY, MacAlgorithm.HS256, Instant.now().minusSeconds(3600)));
        assertRejected(sign(key("k".repeat(64)), MacAlgorithm.HS512, later));
        assertRejected(valid.substring(0, valid.length() - 4) + "AAAA");
        assertRejected(b64("{\"alg\":\"none\"}") + "." + payload + ".");
        assertRejected(b64("{\"alg\":\"none\"}") + "." + payload + "." + valid.split("\\.")[2]);
        assertRejected(valid + ".extra");
        assertRejected("not-a-jwt");
        assertRejected("a.b.c");
        assertRejected("..");
        assertRejected("");
        assertRejected("x".repeat(HmacJwtDecoder.MAX_TOKEN_LENGTH + 1));
    }

    @Test
    void refusesTokensWithoutExpiryOrSubjectEvenWhenSignedWithTheKey() {
        assertRejected(handSigned("{\"sub\":\"1\"}"));
        assertRejected(handSigned("{\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}"));
        assertRejected(handSigned("{\"sub\":\"1\",\"exp\":\"tomorrow\"}"));
        assertRejected(handSigned("[1,2,3]"));
        long exp = Instant.now().getEpochSecond() + 600;
        assertThat(decoder.decode(handSigned("{\"sub\":\"7\",\"exp\":" + exp + "}"))
                        .getSubject())
                .isEqualTo("7");
    }

    private void assertRejected(String token) {
        assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(JwtException.class);
    }

    private static String sign(SecretKey key, MacAlgorithm algorithm, Instant expiresAt) {
        return Tokens.signed(new NimbusJwtEncoder(new ImmutableSecret<>(key)), algorithm, 42, expiresAt);
    }

    private static String handSigned(String claimsJson) {
        try {
            String input = b64("{\"alg\":\"HS256\"}") + "." + b64(claimsJson);
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(KEY);
            byte[] signature = mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretKey key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
