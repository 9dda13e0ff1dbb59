package io.surge.dispatch;

/** The external platform did not take the order in this delivery; the Kafka error handler redelivers it. */
class DispatchFailed extends RuntimeException {

    DispatchFailed(long orderId, Throwable cause) {
        super("Sending order " + orderId + " to the external platform failed: " + cause, cause);
    }
}
