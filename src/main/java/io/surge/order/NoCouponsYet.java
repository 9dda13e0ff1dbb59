package io.surge.order;

import org.springframework.stereotype.Component;

/** TEMPORARY until the coupon module lands: replaced by the adapter to CouponManagement. */
@Component
class NoCouponsYet implements OrderCoupons {

    @Override
    public long reserve(long memberId, long userCouponId, long orderId, long totalAmount) {
        throw new UnsupportedOperationException("coupons are not available yet");
    }

    @Override
    public void release(long userCouponId, long orderId) {}

    @Override
    public void markUsed(long userCouponId, long orderId) {}
}
