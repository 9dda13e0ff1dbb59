package io.surge.order;

/** NOT_READY until paid, then PENDING -> SENT, or FAILED (retries exhausted; replay can still make it SENT). */
public enum DispatchStatus {
    NOT_READY,
    PENDING,
    SENT,
    FAILED
}
