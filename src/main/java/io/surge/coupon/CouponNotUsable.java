package io.surge.coupon;

/** Answered with the stable code {@value #CODE}. */
public class CouponNotUsable extends RuntimeException {

    public static final String CODE = "COUPON_NOT_USABLE";

    private CouponNotUsable(String message) {
        super(message, null, false, false);
    }

    public static CouponNotUsable of(long id) {
        return new CouponNotUsable(
                "Coupon %d cannot be used: it is not yours, not available or expired.".formatted(id));
    }
}
