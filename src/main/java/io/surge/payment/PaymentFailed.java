package io.surge.payment;

import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** The order could not be charged; {@code reason} is a stable code such as {@code INSUFFICIENT_BALANCE}. */
@Externalized(PaymentTopics.FAILED + "::#{#this.orderId()}")
public record PaymentFailed(UUID eventId, long orderId, long memberId, String reason) {}
