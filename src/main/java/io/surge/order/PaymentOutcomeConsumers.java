package io.surge.order;

import io.surge.messaging.PoisonEvent;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The order side of the payment saga: decode and delegate. The payment module's events arrive as JSON and are read
 * into this module's own records (the order module may not depend on payment's types, which depend on it).
 */
@Component
class PaymentOutcomeConsumers {

    static final String COMPLETED_LISTENER = "order.payment-completed";
    static final String FAILED_LISTENER = "order.payment-failed";
    private final OrderManagement orders;

    PaymentOutcomeConsumers(OrderManagement orders) {
        this.orders = orders;
    }

    @KafkaListener(id = COMPLETED_LISTENER, topics = PaymentRequested.COMPLETED_TOPIC)
    void on(PaymentCompletedMessage event) {
        if (event.eventId() == null || event.orderId() <= 0) {
            throw PoisonEvent.of("payment completion without event id or order id");
        }
        orders.paymentCompleted(COMPLETED_LISTENER, event.eventId(), event.orderId());
    }

    @KafkaListener(id = FAILED_LISTENER, topics = PaymentRequested.FAILED_TOPIC)
    void on(PaymentFailedMessage event) {
        if (event.eventId() == null || event.orderId() <= 0) {
            throw PoisonEvent.of("payment failure without event id or order id");
        }
        String reason = event.reason() == null || event.reason().isBlank() ? "PAYMENT_FAILED" : event.reason();
        orders.paymentFailed(FAILED_LISTENER, event.eventId(), event.orderId(), reason);
    }

    record PaymentCompletedMessage(UUID eventId, long orderId, long memberId, long amount) {}

    record PaymentFailedMessage(UUID eventId, long orderId, long memberId, String reason) {}
}
