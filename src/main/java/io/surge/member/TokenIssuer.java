package io.surge.member;

import io.surge.security.SecurityProperties;
import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Mints the stateless access token: issuer and audience the decoder demands, subject = member id, {@code roles} read
 * by the resource server, {@code ver} = the member's token version (raised by logout and demotion to void it).
 */
@Component
class TokenIssuer {

    private final JwtEncoder encoder;
    private final SecurityProperties properties;

    TokenIssuer(JwtEncoder encoder, SecurityProperties properties) {
        this.encoder = encoder;
        this.properties = properties;
    }

    AccessToken issue(Member member) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(Long.toString(member.id()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .claim("email", member.email())
                .claim("roles", member.roles().stream().map(Role::name).toList())
                .claim("ver", member.tokenVersion())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new AccessToken(token, "Bearer", properties.tokenTtl().toSeconds());
    }
}
