package io.surge.order;

import java.util.UUID;
import org.springframework.modulith.events.Externalized;

/** The owner asked to pay: the payment module debits {@code amount} from the member's wallet, once per order. */
@Externalized(PaymentRequested.TOPIC + "::#{#this.orderId()}")
public record PaymentRequested(UUID eventId, long orderId, long memberId, long amount) {

    public static final String TOPIC = "order.payment-requested";

    /**
     * Where the answer goes: the payment module publishes {@code PaymentCompleted} here. Named by the request because
     * the order module consumes the answers without depending on the payment module (which depends on it).
     */
    public static final String COMPLETED_TOPIC = "payment.completed";

    /** Where a refusal goes: the payment module's {@code PaymentFailed}. */
    public static final String FAILED_TOPIC = "payment.failed";
}
