package io.surge.member;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt at the configured cost. Unknown emails are checked against a dummy hash of the same cost, so a login for a
 * missing account takes as long as one with a wrong password and timing reveals nothing.
 */
@Component
class PasswordHashing {

    /** bcrypt ignores everything past 72 bytes; longer passwords are refused rather than silently truncated. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;

    PasswordHashing(MemberProperties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.passwordHashCost());
        this.dummyHash = encoder.encode("surge-timing-equaliser");
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            encoder.matches("x", dummyHash);
            return false;
        }
        return encoder.matches(password, hash);
    }

    void burnEquivalentTime(String password) {
        encoder.matches(password.length() > MAX_PASSWORD_BYTES ? "x" : password, dummyHash);
    }
}
