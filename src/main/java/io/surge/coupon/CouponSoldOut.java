package io.surge.coupon;

/** Answered with the stable code {@value #CODE}. */
public class CouponSoldOut extends RuntimeException {

    public static final String CODE = "COUPON_SOLD_OUT";

    private CouponSoldOut(String message) {
        super(message, null, false, false);
    }

    public static CouponSoldOut of(long id) {
        return new CouponSoldOut("Coupon campaign %d is sold out.".formatted(id));
    }
}
