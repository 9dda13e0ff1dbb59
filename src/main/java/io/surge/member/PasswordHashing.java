package io.surge.member;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
    /** bcrypt runs in flight: each takes a core for ~57 ms at cost 10, so a signup/login wave shows up here first. */
    private final AtomicInteger active = new AtomicInteger();

    PasswordHashing(MemberProperties properties, MeterRegistry meters) {
        this.encoder = new BCryptPasswordEncoder(properties.passwordHashCost());
        this.dummyHash = encoder.encode("surge-timing-equaliser");
        Gauge.builder("surge.member.password.hashes.active", active, AtomicInteger::get)
                .description("bcrypt hashes or checks running right now")
                .register(meters);
    }

    String hash(String password) {
        return counted(() -> encoder.encode(password));
    }

    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            counted(() -> encoder.matches("x", dummyHash));
            return false;
        }
        return counted(() -> encoder.matches(password, hash));
    }

    void burnEquivalentTime(String password) {
        counted(() -> encoder.matches(password.length() > MAX_PASSWORD_BYTES ? "x" : password, dummyHash));
    }

    private <T> T counted(Supplier<T> bcrypt) {
        active.incrementAndGet();
        try {
            return bcrypt.get();
        } finally {
            active.decrementAndGet();
        }
    }
}
