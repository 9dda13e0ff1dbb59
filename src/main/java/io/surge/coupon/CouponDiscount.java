package io.surge.coupon;

/** A reserved coupon's effect on an order; amounts are in the smallest currency unit. */
public record CouponDiscount(long userCouponId, DiscountType discountType, long discountValue) {

    public long discountFor(long amount) {
        return discountType.discountFor(discountValue, amount);
    }
}
