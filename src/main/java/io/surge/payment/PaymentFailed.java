package io.surge.payment;

import io.surge.order.PaymentRequested;
import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** The order could not be charged; {@code reason} is a stable code such as {@code INSUFFICIENT_BALANCE}. */
@Externalized(PaymentFailed.TOPIC + "::#{#this.orderId()}")
public record PaymentFailed(UUID eventId, long orderId, long memberId, String reason) {

    /** The topic the order module's request named ({@link PaymentRequested#FAILED_TOPIC}). */
    public static final String TOPIC = PaymentRequested.FAILED_TOPIC;
}
