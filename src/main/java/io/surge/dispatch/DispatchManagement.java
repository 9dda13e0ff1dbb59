package io.surge.dispatch;

import io.surge.messaging.DeadLetterHook;
import io.surge.messaging.ProcessedEvents;
import io.surge.order.DispatchStatus;
import io.surge.order.OrderManagement;
import io.surge.order.OrderPaid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each paid order to the external platform. The call runs outside any transaction (no connection is held
 * while waiting on the network); the platform receives an {@code Idempotency-Key} per order, and a dispatch already
 * SENT is never sent again. A delivery whose attempts all fail is retried by the Kafka error handler and finally
 * dead-lettered, at which point the order shows dispatch FAILED until a replay succeeds.
 */
@Service
public class DispatchManagement implements DeadLetterHook {

    private static final Logger log = LoggerFactory.getLogger(DispatchManagement.class);
    private final Dispatches dispatches;
    private final PlatformClient platform;
    private final OrderManagement orders;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final DispatchMetrics metrics;

    DispatchManagement(
            Dispatches dispatches,
            PlatformClient platform,
            OrderManagement orders,
            ProcessedEvents processed,
            TransactionTemplate transactions,
            DispatchMetrics metrics) {
        this.dispatches = dispatches;
        this.platform = platform;
        this.orders = orders;
        this.processed = processed;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    void dispatch(String listenerId, OrderPaid order) {
        if (dispatches.status(order.orderId()).filter("SENT"::equals).isPresent()) {
            metrics.duplicate.increment();
            // a redelivery: also heals an order whose SENT was not recorded (written before the shared transaction
            // below existed); a conditional update, nothing is sent again
            orders.recordDispatch(order.orderId(), DispatchStatus.SENT);
            return;
        }
        dispatches.open(order.orderId());
        try {
            platform.send(order);
        } catch (RuntimeException e) {
            dispatches.attemptFailed(order.orderId(), truncate(e.toString()));
            metrics.failed.increment();
            throw new DispatchFailed(order.orderId(), e);
        }
        // one transaction: MariaDB going away between "dispatch SENT" and the order's dispatch status left the order
        // PENDING for good (found by the MariaDB drill); now both commit or neither, and the redelivery retries
        transactions.executeWithoutResult(tx -> {
            dispatches.sent(order.orderId());
            processed.firstDelivery(listenerId, order.eventId());
            orders.recordDispatch(order.orderId(), DispatchStatus.SENT);
        });
        metrics.sent.increment();
    }

    @Override
    public void deadLettered(String topic, String key, Exception cause) {
        if (!OrderPaid.TOPIC.equals(topic) || key == null) {
            return;
        }
        long orderId;
        try {
            orderId = Long.parseLong(key);
        } catch (NumberFormatException notAnOrderId) {
            return;
        }
        dispatches.open(orderId);
        if (dispatches.failed(orderId)) {
            orders.recordDispatch(orderId, DispatchStatus.FAILED);
            metrics.deadLettered.increment();
            log.warn("Order {} could not be sent to the external platform and is dead-lettered", orderId);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
