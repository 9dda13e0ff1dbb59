package io.surge.coupon;

/**
 * What an issue request came to: the member's coupon, or one of the two refusals a flash sale answers most once its
 * first seconds are over. Those are values, not exceptions: thrown, each one crossed this module's facade proxy
 * (reflection wraps it in an {@code InvocationTargetException}, filling in a stack trace of the whole filter chain)
 * and then MVC's exception resolution, together about a third of a refusal's request work. The rare failures (an
 * unknown or closed campaign, a store unavailable) are still thrown and answered by the advices.
 */
public sealed interface IssueResult {

    /** Already durable in MySQL when returned. */
    record Issued(IssuedCoupon coupon) implements IssueResult {}

    /** Every unit is taken. Answered with the stable code {@value #CODE}. */
    record SoldOut(long couponId) implements IssueResult {

        public static final String CODE = "COUPON_SOLD_OUT";

        public String message() {
            return "Coupon campaign " + couponId + " is sold out.";
        }
    }

    /** The member holds one already. Answered with the stable code {@value #CODE}. */
    record AlreadyIssued(long couponId) implements IssueResult {

        public static final String CODE = "COUPON_ALREADY_ISSUED";

        public String message() {
            return "You already hold a coupon from campaign " + couponId + ".";
        }
    }
}
