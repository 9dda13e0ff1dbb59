package io.surge.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.surge.observability.AfterCommit;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code surge.orders.transitions{status}}: orders entering each status, counted once the transition committed. */
@Component
class OrderMetrics {

    private final Map<OrderStatus, Counter> transitions = new EnumMap<>(OrderStatus.class);

    OrderMetrics(MeterRegistry registry) {
        for (OrderStatus status : OrderStatus.values()) {
            transitions.put(
                    status,
                    Counter.builder("surge.orders.transitions")
                            .description("orders that entered a status")
                            .tag("status", status.name())
                            .register(registry));
        }
    }

    void entered(OrderStatus status) {
        AfterCommit.increment(transitions.get(status));
    }
}
