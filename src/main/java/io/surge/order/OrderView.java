package io.surge.order;

import java.time.Instant;
import java.util.List;

/** An order as its owner sees it. */
public record OrderView(
        long orderId,
        OrderStatus status,
        String failureReason,
        DispatchStatus dispatchStatus,
        long totalAmount,
        long discountAmount,
        long finalAmount,
        Long userCouponId,
        Instant expiresAt,
        Instant createdAt,
        List<Item> items) {

    public record Item(
            long optionId, long productId, String productName, String optionName, long unitPrice, int quantity) {}
}
