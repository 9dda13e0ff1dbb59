package io.surge.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * One HMAC key signs and verifies every token, so tokens are stateless and any instance serves any member. Stage and
 * prod refuse to start without {@code SURGE_JWT_SECRET}: a per-process random key would silently log users out
 * whenever the load balancer picks another instance.
 */
@Configuration(proxyBeanMethods = false)
class JwtKeys {

    static final int MIN_SECRET_BYTES = 32;
    private static final Set<String> STRICT_PROFILES = Set.of("stage", "prod");
    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);

    @Bean
    SecretKey jwtSigningKey(SecurityProperties properties, Environment environment) {
        String secret = properties.jwtSecret();
        if (secret == null || secret.isBlank()) {
            for (String profile : environment.getActiveProfiles()) {
                if (STRICT_PROFILES.contains(profile)) {
                    throw new IllegalStateException("SURGE_JWT_SECRET must be set (at least " + MIN_SECRET_BYTES
                            + " bytes) when the '" + profile + "' profile is active");
                }
            }
            log.warn("SURGE_JWT_SECRET is not set: using a random key, tokens are valid on this instance only");
            byte[] random = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return new SecretKeySpec(random, "HmacSHA256");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("SURGE_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** Static: a bean factory post-processor, so no secret check waits for other beans to be built. */
    @Bean
    static SecretGuard secretGuard() {
        return new SecretGuard();
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(jwtSigningKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey, SecurityProperties properties, TokenVersions versions) {
        return new HmacJwtDecoder(jwtSigningKey, properties.issuer(), properties.audience(), versions);
    }
}
