package io.surge.coupon;

import java.time.Instant;

/** One of a member's coupons, with its status as of now. */
public record MemberCoupon(
        long userCouponId,
        long couponId,
        String couponName,
        DiscountType discountType,
        long discountValue,
        UserCouponStatus status,
        Instant expiresAt) {}
