package io.surge.coupon;

import java.time.Instant;

/**
 * An issued coupon as stored in {@code user_coupon}. Inserted in batches by {@link IssuedCouponWriter}; read and
 * its status written back through {@link UserCoupons}.
 */
class UserCoupon {

    private final long id;
    private final long couponId;
    private final long memberId;
    private UserCouponStatus status;
    private Long orderId;
    private final Instant expiresAt;

    UserCoupon(long id, long couponId, long memberId, UserCouponStatus status, Long orderId, Instant expiresAt) {
        this.id = id;
        this.couponId = couponId;
        this.memberId = memberId;
        this.status = status;
        this.orderId = orderId;
        this.expiresAt = expiresAt;
    }

    long id() {
        return id;
    }

    long couponId() {
        return couponId;
    }

    long memberId() {
        return memberId;
    }

    UserCouponStatus status() {
        return status;
    }

    Long orderId() {
        return orderId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    UserCouponStatus statusAt(Instant now) {
        return status == UserCouponStatus.AVAILABLE && !expiresAt.isAfter(now) ? UserCouponStatus.EXPIRED : status;
    }

    boolean isUsableBy(long member, Instant now) {
        return memberId == member && statusAt(now) == UserCouponStatus.AVAILABLE;
    }

    void reserveFor(long order) {
        this.status = UserCouponStatus.RESERVED;
        this.orderId = order;
    }

    boolean isReservedFor(long order) {
        return status == UserCouponStatus.RESERVED && orderId != null && orderId == order;
    }

    void release() {
        this.status = UserCouponStatus.AVAILABLE;
        this.orderId = null;
    }

    void markUsed() {
        this.status = UserCouponStatus.USED;
    }
}
