package io.surge.order;

import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** An order was placed and its stock (and coupon) reserved. Keyed by order id, like every order-flow record. */
@Externalized(OrderPlaced.TOPIC + "::#{#this.orderId()}")
public record OrderPlaced(UUID eventId, long orderId, long memberId, long finalAmount) {

    public static final String TOPIC = "order.placed";
}
