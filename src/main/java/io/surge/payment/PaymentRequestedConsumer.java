package io.surge.payment;

import io.surge.messaging.PoisonEvent;
import io.surge.order.PaymentRequested;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Decodes a payment request and hands it to {@link PaymentManagement}. */
@Component
class PaymentRequestedConsumer {

    static final String LISTENER_ID = "payment.payment-requested";
    private final PaymentManagement payments;

    PaymentRequestedConsumer(PaymentManagement payments) {
        this.payments = payments;
    }

    @KafkaListener(id = LISTENER_ID, topics = PaymentRequested.TOPIC)
    void on(PaymentRequested request) {
        if (request.eventId() == null || request.orderId() <= 0 || request.memberId() <= 0) {
            throw PoisonEvent.of("payment request without event, order or member id");
        }
        payments.pay(LISTENER_ID, request);
    }
}
