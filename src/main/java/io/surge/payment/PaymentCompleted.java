package io.surge.payment;

import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** The wallet was debited for the order. */
@Externalized(PaymentTopics.COMPLETED + "::#{#this.orderId()}")
public record PaymentCompleted(UUID eventId, long orderId, long memberId, long amount) {}
