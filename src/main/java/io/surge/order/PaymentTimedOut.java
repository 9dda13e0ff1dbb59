package io.surge.order;

import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/**
 * An order has been PAYMENT_PROCESSING longer than the payment timeout: its request or its outcome went missing (a
 * dead letter, a lost consumer). The payment module, the only one that knows whether the wallet was debited, answers
 * with the recorded outcome, or closes the payment as failed so a late request can no longer charge it.
 */
@Externalized(PaymentTimedOut.TOPIC + "::#{#this.orderId()}")
public record PaymentTimedOut(UUID eventId, long orderId, long memberId, long amount) {

    public static final String TOPIC = "order.payment-timed-out";
}
