package io.surge.coupon;

import java.time.Instant;

/** A campaign as an admin defines it. */
public record NewCoupon(
        String name,
        DiscountType discountType,
        long discountValue,
        int totalQuantity,
        Instant issueStartsAt,
        Instant issueEndsAt,
        int validDays) {}
