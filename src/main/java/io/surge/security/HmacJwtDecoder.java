package io.surge.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the HS256 tokens this application issues, and nothing else: compact JWS, header an object with {@code alg}
 * exactly {@code HS256} and no {@code crit}, HMAC compared in constant time, then our issuer and audience, a numeric
 * member subject, a {@code roles} list of strings, the member's token version (revocation, see {@link TokenVersions}),
 * and Spring's default validators (expiry and not-before with 60 s skew), as {@code NimbusJwtDecoder} does. Every
 * request of the coupon flood pays for this, and Nimbus's general JOSE pipeline (algorithm negotiation, a new
 * {@link Mac} per token, two JSON parsers, claim-set conversion) cost about a sixth of a coupon request's CPU on the
 * stage; this does the same checks with one JSON read of each part and one map lookup for the version.
 *
 * <p>Whatever the bytes, the answer is a {@link JwtException} (a 401 problem), never another exception: a header that
 * decodes to JSON {@code null} once reached a 500.
 */
final class HmacJwtDecoder implements JwtDecoder {

    /** Our tokens are ~300 bytes; anything far larger is not ours and is refused before any work. */
    static final int MAX_TOKEN_LENGTH = 4096;

    static final String VERSION_CLAIM = "ver";
    private static final String ALGORITHM = "HS256";
    /** Seconds since the epoch beyond which a date claim is garbage (year ~5138), not a date. */
    private static final long MAX_EPOCH_SECONDS = 100_000_000_000L;

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final SecretKey key;
    private final String issuer;
    private final String audience;
    private final VersionFloor versions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefault();
    // A Mac is not thread-safe and Mac.getInstance walks the provider list; request threads are pooled platform
    // threads (docs/architecture.md, "Threads"), so one initialised Mac per thread is created once and reused.
    private final ThreadLocal<Mac> macs;

    HmacJwtDecoder(SecretKey key, String issuer, String audience, VersionFloor versions) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.versions = versions;
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail at start-up, not on the first request, if the key is unusable
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            return verify(token);
        } catch (JwtException e) {
            throw e;
        } catch (RuntimeException e) { // anything the checks below did not foresee is still a bad token, not a 500
            throw new BadJwtException("Malformed token");
        }
    }

    private Jwt verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new BadJwtException("Malformed token");
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (firstDot <= 0 || secondDot <= firstDot + 1 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new BadJwtException("Malformed token");
        }
        Map<String, Object> headers = object(token.substring(0, firstDot));
        if (!ALGORITHM.equals(headers.get("alg")) || headers.containsKey("crit")) {
            throw new BadJwtException("Unsupported algorithm or critical header");
        }
        byte[] signature = base64(token.substring(secondDot + 1));
        Mac mac = macs.get();
        byte[] expected = mac.doFinal(token.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new BadJwtException("Invalid signature");
        }
        Map<String, Object> claims = object(token.substring(firstDot + 1, secondDot));
        if (!issuer.equals(claims.get(JwtClaimNames.ISS)) || !audienceMatches(claims.get(JwtClaimNames.AUD))) {
            throw new BadJwtException("Wrong issuer or audience");
        }
        long memberId = memberId(claims.get(JwtClaimNames.SUB));
        Object version = claims.get(VERSION_CLAIM);
        long tokenVersion = version == null ? 0 : version instanceof Number n ? n.longValue() : -1;
        if (tokenVersion < versions.min(memberId) || tokenVersion < 0) {
            throw new BadJwtException("Revoked token");
        }
        Object roles = claims.get(SecurityConfig.ROLES_CLAIM);
        if (roles != null && !(roles instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw new BadJwtException("Malformed roles claim");
        }
        Jwt jwt = toJwt(token, headers, claims);
        var result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("Invalid token", result.getErrors());
        }
        return jwt;
    }

    private boolean audienceMatches(Object aud) {
        return audience.equals(aud) || (aud instanceof List<?> list && list.contains(audience));
    }

    /** The subject is the member id: 1 to 18 digits, so {@link CurrentMember#id} can never fail on it. */
    private static long memberId(Object subject) {
        if (!(subject instanceof String sub) || sub.isEmpty() || sub.length() > 18) {
            throw new BadJwtException("Token has no member subject");
        }
        for (int i = 0; i < sub.length(); i++) {
            if (sub.charAt(i) < '0' || sub.charAt(i) > '9') {
                throw new BadJwtException("Token has no member subject");
            }
        }
        return Long.parseLong(sub);
    }

    private static Jwt toJwt(String token, Map<String, Object> headers, Map<String, Object> claims) {
        for (String name : new String[] {JwtClaimNames.EXP, JwtClaimNames.IAT, JwtClaimNames.NBF}) {
            Object value = claims.get(name);
            if (value instanceof Number seconds && Math.abs(seconds.doubleValue()) < MAX_EPOCH_SECONDS) {
                claims.put(name, Instant.ofEpochSecond(seconds.longValue()));
            } else if (value != null) {
                throw new BadJwtException("Malformed " + name + " claim");
            }
        }
        if (!(claims.get(JwtClaimNames.EXP) instanceof Instant expiresAt)) {
            throw new BadJwtException("Token has no expiry");
        }
        Instant issuedAt = (Instant) claims.get(JwtClaimNames.IAT);
        try {
            return new Jwt(token, issuedAt, expiresAt, headers, claims);
        } catch (IllegalArgumentException e) { // e.g. issued after it expires
            throw new BadJwtException("Malformed token");
        }
    }

    /** A JSON object, or a bad token: {@code null}, arrays, numbers and strings are refused here. */
    private Map<String, Object> object(String part) {
        try {
            Map<String, Object> value = json.readValue(base64(part), JSON_OBJECT);
            if (value == null) {
                throw new BadJwtException("Malformed token");
            }
            return value;
        } catch (JacksonException e) {
            throw new BadJwtException("Malformed token");
        }
    }

    private static byte[] base64(String part) {
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw new BadJwtException("Malformed token");
        }
    }

    /** The lowest token version still valid for a member ({@link TokenVersions}). */
    @FunctionalInterface
    interface VersionFloor {
        long min(long memberId);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JWT signing key cannot be used for HmacSHA256", e);
        }
    }
}
