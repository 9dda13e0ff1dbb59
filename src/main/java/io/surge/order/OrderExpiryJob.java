package io.surge.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs on every instance; rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so four instances split the due
 * orders between them instead of releasing any reservation twice.
 */
@Component
class OrderExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(OrderExpiryJob.class);
    private final OrderManagement orders;

    OrderExpiryJob(OrderManagement orders) {
        this.orders = orders;
    }

    @Scheduled(
            fixedDelayString = "${surge.order.expiry-interval:5s}",
            initialDelayString = "${surge.order.expiry-interval:5s}")
    void run() {
        try {
            int expired = orders.expireDue();
            if (expired > 0) {
                log.info("Expired {} unpaid orders", expired);
            }
            int asked = orders.askAboutStuckPayments();
            if (asked > 0) {
                log.warn("Asked the payment module to settle {} orders stuck in PAYMENT_PROCESSING", asked);
            }
        } catch (RuntimeException e) {
            log.warn("Order expiry round failed; the next round retries: {}", e.toString());
        }
    }
}
