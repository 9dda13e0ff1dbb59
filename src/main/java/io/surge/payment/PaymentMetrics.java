package io.surge.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.surge.observability.AfterCommit;
import org.springframework.stereotype.Component;

/**
 * {@code surge.payment.outcomes{outcome, reason}}: charges completed, and failed by their stable reason code (a small
 * fixed set such as {@code INSUFFICIENT_BALANCE}), counted once the charge committed.
 */
@Component
class PaymentMetrics {

    private final MeterRegistry registry;
    private final Counter completed;

    PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.completed = counter("completed", "none");
        counter("failed", PaymentManagement.INSUFFICIENT_BALANCE);
    }

    void completed() {
        AfterCommit.increment(completed);
    }

    void failed(String reason) {
        AfterCommit.increment(counter("failed", reason));
    }

    private Counter counter(String outcome, String reason) {
        return Counter.builder("surge.payment.outcomes")
                .description("order charges by outcome and failure reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
