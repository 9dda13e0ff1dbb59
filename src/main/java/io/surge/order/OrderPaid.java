package io.surge.order;

import java.util.List;
import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** Payment succeeded; dispatch sends the order to the external platform. */
@Externalized(OrderPaid.TOPIC + "::#{#this.orderId()}")
public record OrderPaid(UUID eventId, long orderId, long memberId, long finalAmount, List<OrderView.Item> items) {

    public static final String TOPIC = "order.paid";
}
