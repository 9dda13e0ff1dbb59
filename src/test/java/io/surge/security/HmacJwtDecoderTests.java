package io.surge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.surge.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The decoder against tokens from the application's own encoder (Nimbus), and against what an attacker sends. */
class HmacJwtDecoderTests {

    private static final SecretKey KEY = key("a-test-secret-of-at-least-32-bytes-long!!");
    private final Map<Long, Long> floors = new HashMap<>();
    private final HmacJwtDecoder decoder =
            new HmacJwtDecoder(KEY, "surge", "surge-api", id -> floors.getOrDefault(id, 0L));

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
        assertRejected(handSigned(OURS + "\"sub\":\"1\"}"));
        assertRejected(handSigned(OURS + "\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}"));
        assertRejected(handSigned(OURS + "\"sub\":\"1\",\"exp\":\"tomorrow\"}"));
        assertRejected(handSigned("[1,2,3]"));
        long exp = Instant.now().getEpochSecond() + 600;
        assertThat(decoder.decode(handSigned(OURS + "\"sub\":\"7\",\"exp\":" + exp + "}"))
                        .getSubject())
                .isEqualTo("7");
    }

    /** Found by fuzzing main: a header of {@code null} (base64url "bnVsbA") was a NullPointerException, a 500. */
    @Test
    void everyMalformedShapeOfEverySegmentIsABadTokenNeverAnotherException() {
        String valid = sign(KEY, MacAlgorithm.HS256, Instant.now().plusSeconds(600));
        String[] parts = valid.split("\\.");
        for (String garbage :
                new String[] {"null", "[]", "[1]", "1", "-1e999", "\"a\"", "true", "{", "{}", "{\"alg\":null}"}) {
            assertRejected(b64(garbage) + "." + parts[1] + "." + parts[2]);
            assertRejected(parts[0] + "." + b64(garbage) + "." + parts[2]);
            assertRejected(parts[0] + "." + parts[1] + "." + b64(garbage));
            assertRejected(handSigned(garbage));
            assertRejected(handSigned("{\"alg\":\"HS256\"}", garbage));
        }
        assertRejected(handSigned("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", claims("\"7\"", "[\"USER\"]", "600")));
        assertRejected(handSigned("{\"alg\":\"RS256\"}", claims("\"7\"", "[\"USER\"]", "600")));
        assertRejected(handSigned("{\"alg\":\"none\"}", claims("\"7\"", "[\"USER\"]", "600")));
        for (String subject :
                new String[] {"7", "\"\"", "\"-7\"", "\"7a\"", "\"99999999999999999999\"", "null", "[]"}) {
            assertRejected(handSigned(claims(subject, "[\"USER\"]", "600")));
        }
        for (String roles : new String[] {"\"USER\"", "[1]", "[null]", "[[\"ADMIN\"]]", "{}", "7"}) {
            assertRejected(handSigned(claims("\"7\"", roles, "600")));
        }
        for (String exp : new String[] {"1e300", "-1e300", "9223372036854775807", "\"600\"", "[600]"}) {
            assertRejected(handSigned(claims("\"7\"", "[\"USER\"]", exp)));
        }
        assertThat(decoder.decode(handSigned(claims("\"7\"", "[\"USER\"]", "600")))
                        .getSubject())
                .isEqualTo("7");
    }

    @Test
    void refusesAnotherIssuerOrAudienceEvenWithOurKey() {
        long exp = Instant.now().getEpochSecond() + 600;
        String body = "\"sub\":\"7\",\"exp\":" + exp + "}";
        assertRejected(handSigned("{\"iss\":\"other\",\"aud\":\"surge-api\"," + body));
        assertRejected(handSigned("{\"iss\":\"surge\",\"aud\":\"other-api\"," + body));
        assertRejected(handSigned("{\"iss\":\"surge\"," + body));
        assertRejected(handSigned("{\"aud\":\"surge-api\"," + body));
        assertThat(decoder.decode(handSigned("{\"iss\":\"surge\",\"aud\":[\"x\",\"surge-api\"]," + body))
                        .getSubject())
                .isEqualTo("7");
    }

    @Test
    void aTokenBelowTheMembersVersionIsRevoked() {
        long exp = Instant.now().getEpochSecond() + 600;
        String v0 = handSigned(OURS + "\"sub\":\"7\",\"exp\":" + exp + "}");
        String v1 = handSigned(OURS + "\"sub\":\"7\",\"ver\":1,\"exp\":" + exp + "}");
        String other = handSigned(OURS + "\"sub\":\"8\",\"exp\":" + exp + "}");
        decoder.decode(v0);

        floors.put(7L, 1L);

        assertRejected(v0);
        assertThat(decoder.decode(v1).getSubject()).isEqualTo("7");
        assertThat(decoder.decode(other).getSubject()).isEqualTo("8");
        assertRejected(handSigned(OURS + "\"sub\":\"7\",\"ver\":\"9\",\"exp\":" + exp + "}"));
    }

    private static final String OURS = "{\"iss\":\"surge\",\"aud\":\"surge-api\",";

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    /** Our claims with the given raw JSON values; {@code expiresIn} is added to now unless it is not a number. */
    private static String claims(String subject, String roles, String expiresIn) {
        String exp;
        try {
            exp = Long.toString(now() + Long.parseLong(expiresIn));
        } catch (NumberFormatException e) {
            exp = expiresIn;
        }
        return OURS + "\"sub\":" + subject + ",\"roles\":" + roles + ",\"exp\":" + exp + "}";
    }

    private void assertRejected(String token) {
        assertThatThrownBy(() -> decoder.decode(token)).as(token).isInstanceOf(JwtException.class);
    }

    private static String sign(SecretKey key, MacAlgorithm algorithm, Instant expiresAt) {
        return Tokens.signed(new NimbusJwtEncoder(new ImmutableSecret<>(key)), algorithm, 42, expiresAt);
    }

    private static String handSigned(String claimsJson) {
        return handSigned("{\"alg\":\"HS256\"}", claimsJson);
    }

    private static String handSigned(String headerJson, String claimsJson) {
        try {
            String input = b64(headerJson) + "." + b64(claimsJson);
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
