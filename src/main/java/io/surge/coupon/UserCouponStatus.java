package io.surge.coupon;

/** RESERVED: held by an unpaid order; back to AVAILABLE if that order fails or expires. */
public enum UserCouponStatus {
    AVAILABLE,
    RESERVED,
    USED,
    EXPIRED
}
