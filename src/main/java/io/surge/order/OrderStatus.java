package io.surge.order;

/**
 * PENDING -> PAYMENT_PROCESSING -> PAID | PAYMENT_FAILED, and PENDING -> EXPIRED. Every transition is one conditional
 * update on the current status, so each happens at most once whatever races or redeliveries occur.
 */
public enum OrderStatus {
    PENDING,
    PAYMENT_PROCESSING,
    PAID,
    PAYMENT_FAILED,
    EXPIRED
}
