package io.surge.support;

import java.time.Instant;
import java.util.List;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** Mints tokens with the application's own key, for tests that need many members without a bcrypt per member. */
public final class Tokens {

    private final JwtEncoder encoder;

    public Tokens(JwtEncoder encoder) {
        this.encoder = encoder;
    }

    public String member(long memberId) {
        return mint(memberId, List.of("USER"));
    }

    public String admin(long memberId) {
        return mint(memberId, List.of("USER", "ADMIN"));
    }

    /**
     * A USER + ADMIN token for {@code memberId} from any signer and algorithm, issued a minute before it expires: for
     * tests of what the decoder refuses (another key, another algorithm, expired).
     */
    public static String signed(JwtEncoder signer, MacAlgorithm algorithm, long memberId, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("surge")
                .audience(List.of("surge-api"))
                .subject(Long.toString(memberId))
                .issuedAt(expiresAt.minusSeconds(60))
                .expiresAt(expiresAt)
                .claim("roles", List.of("USER", "ADMIN"))
                .build();
        return signer.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).build(), claims))
                .getTokenValue();
    }

    private String mint(long memberId, List<String> roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("surge")
                .audience(List.of("surge-api"))
                .subject(Long.toString(memberId))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600))
                .claim("roles", roles)
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
