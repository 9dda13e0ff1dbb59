package io.surge.order;

import io.surge.coupon.CouponManagement;
import org.springframework.stereotype.Component;

/** The order's coupon calls, all inside the order's transaction (see {@link CouponManagement}). */
@Component
class CouponRedemption implements OrderCoupons {

    private final CouponManagement coupons;

    CouponRedemption(CouponManagement coupons) {
        this.coupons = coupons;
    }

    @Override
    public long reserve(long memberId, long userCouponId, long orderId, long totalAmount) {
        return coupons.reserveForOrder(memberId, userCouponId, orderId).discountFor(totalAmount);
    }

    @Override
    public void release(long userCouponId, long orderId) {
        coupons.releaseFromOrder(userCouponId, orderId);
    }

    @Override
    public void markUsed(long userCouponId, long orderId) {
        coupons.markUsed(userCouponId, orderId);
    }
}
