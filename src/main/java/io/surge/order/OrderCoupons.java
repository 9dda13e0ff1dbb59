package io.surge.order;

/** The coupon side of an order, in the order's transaction. One adapter wires it to the coupon module. */
interface OrderCoupons {

    /** Reserves the member's coupon for the order and returns the discount on {@code totalAmount}. */
    long reserve(long memberId, long userCouponId, long orderId, long totalAmount);

    void release(long userCouponId, long orderId);

    void markUsed(long userCouponId, long orderId);
}
