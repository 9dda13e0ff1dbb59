package io.surge.coupon;

/** Answered with the stable code {@value #CODE}. */
public class CouponAlreadyIssued extends RuntimeException {

    public static final String CODE = "COUPON_ALREADY_ISSUED";

    private CouponAlreadyIssued(String message) {
        super(message, null, false, false);
    }

    public static CouponAlreadyIssued of(long id) {
        return new CouponAlreadyIssued("You already hold a coupon from campaign %d.".formatted(id));
    }
}
