package io.surge.payment;

import io.surge.order.PaymentRequested;
import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** The wallet was debited for the order. */
@Externalized(PaymentCompleted.TOPIC + "::#{#this.orderId()}")
public record PaymentCompleted(UUID eventId, long orderId, long memberId, long amount) {

    /** The topic the order module's request named ({@link PaymentRequested#COMPLETED_TOPIC}). */
    public static final String TOPIC = PaymentRequested.COMPLETED_TOPIC;
}
