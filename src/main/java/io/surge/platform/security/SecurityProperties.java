package io.surge.platform.security;

import jakarta.validation.constraints.Min;
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
 */
@Validated
@ConfigurationProperties("surge.security")
public record SecurityProperties(
        String jwtSecret,
        @NotNull @DefaultValue("1h") Duration tokenTtl,
        @Min(1024) @DefaultValue("65536") long maxRequestBytes) {}
