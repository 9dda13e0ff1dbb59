package io.surge.member;

import java.time.Duration;

/** Every permit of this instance's password-hash budget is taken: refused fast instead of queueing CPU work. */
public class PasswordHashingBusy extends RuntimeException {

    public static final String REASON = "password-hashing";

    private final transient Duration retryAfter;

    private PasswordHashingBusy(Duration retryAfter) {
        super("Too many sign-ups and logins at once; retry shortly.", null, false, false);
        this.retryAfter = retryAfter;
    }

    static PasswordHashingBusy retryAfter(Duration retryAfter) {
        return new PasswordHashingBusy(retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
