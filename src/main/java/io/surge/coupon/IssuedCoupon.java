package io.surge.coupon;

import java.time.Instant;

/** The answer to a successful issue: already durable in MySQL when returned. */
public record IssuedCoupon(
        long userCouponId,
        long couponId,
        String couponName,
        DiscountType discountType,
        long discountValue,
        Instant expiresAt) {}
