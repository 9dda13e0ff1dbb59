package io.surge.coupon;

/** How a coupon's value applies to an amount in the smallest currency unit. */
public enum DiscountType {
    PERCENT,
    AMOUNT;

    long discountFor(long value, long amount) {
        return switch (this) {
            case PERCENT -> amount * value / 100;
            case AMOUNT -> Math.min(value, amount);
        };
    }
}
