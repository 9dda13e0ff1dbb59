package io.surge.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token signing and request limits.
 *
 * @param jwtSecret HMAC key shared by every instance so any of them accepts any token; at least 32 bytes
 * @param tokenTtl lifetime of an access token
 * @param maxRequestBytes largest request body accepted
 * @param issuer the {@code iss} every token carries and the decoder demands
 * @param audience the {@code aud} every token carries and the decoder demands: a token minted for another service
 *     with the same key is not one of ours
 * @param revocationSync how often each instance reads the token revocations of the others (logout, role change)
 */
@Validated
@ConfigurationProperties("surge.security")
public record SecurityProperties(
        String jwtSecret,
        @NotNull @DefaultValue("1h") Duration tokenTtl,
        @Min(1024) @DefaultValue("65536") long maxRequestBytes,
        @NotBlank @DefaultValue("surge") String issuer,
        @NotBlank @DefaultValue("surge-api") String audience,
        @NotNull @DefaultValue("1s") Duration revocationSync) {}
