package io.surge.coupon;

import java.time.Instant;

/** A campaign with its live remaining quantity. */
public record CouponView(
        long couponId,
        String name,
        DiscountType discountType,
        long discountValue,
        int totalQuantity,
        long remainingQuantity,
        Instant issueStartsAt,
        Instant issueEndsAt,
        int validDays) {}
