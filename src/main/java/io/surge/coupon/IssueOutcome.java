package io.surge.coupon;

import java.util.List;

/**
 * What the issue script decided: a positive ordinal on success, a negative code otherwise; plus stock left. On
 * success and for {@link #PENDING}, also the ordinal's issue time (Redis clock) and the state's epoch, which together
 * name the pending record the unit left in Redis.
 */
record IssueOutcome(long code, long stockLeft, long ordinal, long issuedAtMillis, long epoch) {

    static final long STATE_MISSING = -1;
    static final long REBUILDING = -2;
    static final long NOT_OPEN = -3;
    static final long ALREADY_ISSUED = -4;
    static final long SOLD_OUT = -5;
    static final long PENDING = -6;

    static IssueOutcome of(List<?> reply) {
        long code = number(reply, 0);
        long stockLeft = number(reply, 1);
        if (code > 0) {
            return new IssueOutcome(code, stockLeft, code, number(reply, 2), number(reply, 3));
        }
        if (code == PENDING) {
            return new IssueOutcome(code, stockLeft, number(reply, 2), number(reply, 3), number(reply, 4));
        }
        return new IssueOutcome(code, stockLeft, 0, 0, 0);
    }

    private static long number(List<?> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    boolean issued() {
        return code > 0;
    }

    boolean pending() {
        return code == PENDING;
    }
}
