package io.surge.payment;

import io.surge.messaging.PoisonEvent;
import io.surge.order.PaymentTimedOut;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Decodes a payment timeout and hands it to {@link PaymentManagement}. */
@Component
class PaymentTimedOutConsumer {

    static final String LISTENER_ID = "payment.payment-timed-out";
    private final PaymentManagement payments;

    PaymentTimedOutConsumer(PaymentManagement payments) {
        this.payments = payments;
    }

    @KafkaListener(id = LISTENER_ID, topics = PaymentTimedOut.TOPIC)
    void on(PaymentTimedOut timedOut) {
        if (timedOut.eventId() == null || timedOut.orderId() <= 0 || timedOut.memberId() <= 0) {
            throw PoisonEvent.of("payment timeout without event, order or member id");
        }
        payments.settleTimedOut(LISTENER_ID, timedOut);
    }
}
