package io.surge.coupon;

import java.util.List;

/** What the issue script decided: a positive ordinal on success, a negative code otherwise; plus stock left. */
record IssueOutcome(long code, long stockLeft) {

    static final long STATE_MISSING = -1;
    static final long REBUILDING = -2;
    static final long NOT_OPEN = -3;
    static final long ALREADY_ISSUED = -4;
    static final long SOLD_OUT = -5;

    static IssueOutcome of(List<?> reply) {
        return new IssueOutcome(((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue());
    }

    boolean issued() {
        return code > 0;
    }
}
