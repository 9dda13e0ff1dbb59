package io.surge.coupon;

/** Answered with the stable code {@value #CODE}. */
public class CouponNotFound extends RuntimeException {

    public static final String CODE = "COUPON_NOT_FOUND";

    private CouponNotFound(String message) {
        super(message, null, false, false);
    }

    public static CouponNotFound of(long id) {
        return new CouponNotFound("No coupon campaign with id %d.".formatted(id));
    }
}
