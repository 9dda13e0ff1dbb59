package io.surge.coupon;

import java.time.Duration;
import java.time.Instant;

/** The immutable facts about a campaign the issue path needs, cached per instance. */
record Campaign(
        long id,
        String name,
        DiscountType discountType,
        long discountValue,
        int totalQuantity,
        Instant issueStartsAt,
        Instant issueEndsAt,
        int validDays) {

    /** Ordinals stay below this, so ids of different campaigns never collide. */
    static final long ID_SPACE = 1_000_000_000L;

    long userCouponId(long ordinal) {
        return id * ID_SPACE + ordinal;
    }

    boolean isOpenAt(long epochMilli) {
        return epochMilli >= issueStartsAt.toEpochMilli() && epochMilli < issueEndsAt.toEpochMilli();
    }

    boolean hasEndedAt(long epochMilli) {
        return epochMilli >= issueEndsAt.toEpochMilli();
    }

    Instant expiryOfCouponIssuedAt(Instant issuedAt) {
        return issuedAt.plus(Duration.ofDays(validDays));
    }

    CouponView toView(long remaining) {
        return new CouponView(
                id, name, discountType, discountValue, totalQuantity, remaining, issueStartsAt, issueEndsAt, validDays);
    }
}
