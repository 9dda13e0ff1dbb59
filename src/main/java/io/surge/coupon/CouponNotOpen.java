package io.surge.coupon;

/** Answered with the stable code {@value #CODE}. */
public class CouponNotOpen extends RuntimeException {

    public static final String CODE = "COUPON_NOT_OPEN";

    private CouponNotOpen(String message) {
        super(message, null, false, false);
    }

    public static CouponNotOpen of(long id) {
        return new CouponNotOpen("Coupon campaign %d is not open for issuing now.".formatted(id));
    }
}
