package io.surge.order;

import java.util.List;

/** @param idempotencyKey client's key; the same key from the same member returns the same order */
public record PlaceOrder(List<OrderLine> items, Long userCouponId, String idempotencyKey) {}
