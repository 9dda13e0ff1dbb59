package io.surge.dispatch;

import io.surge.messaging.PoisonEvent;
import io.surge.order.OrderPaid;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class OrderPaidConsumer {

    static final String LISTENER_ID = "dispatch.order-paid";
    private final DispatchManagement dispatch;

    OrderPaidConsumer(DispatchManagement dispatch) {
        this.dispatch = dispatch;
    }

    @KafkaListener(id = LISTENER_ID, topics = OrderPaid.TOPIC)
    void on(OrderPaid order) {
        if (order.eventId() == null || order.orderId() <= 0) {
            throw PoisonEvent.of("paid order without event id or order id");
        }
        dispatch.dispatch(LISTENER_ID, order);
    }
}
