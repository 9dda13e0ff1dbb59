package io.surge.order;

import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** The owner asked to pay: the payment module debits {@code amount} from the member's wallet, once per order. */
@Externalized(OrderTopics.PAYMENT_REQUESTED + "::#{#this.orderId()}")
public record PaymentRequested(UUID eventId, long orderId, long memberId, long amount) {}
