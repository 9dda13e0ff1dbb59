package io.surge.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code surge.dispatch.outcomes{outcome}}: {@code sent}, {@code duplicate} (already sent, skipped), {@code failed}
 * (a delivery whose platform attempts all failed; Kafka retries it) and {@code dead_lettered} (given up on).
 */
@Component
class DispatchMetrics {

    final Counter sent;
    final Counter duplicate;
    final Counter failed;
    final Counter deadLettered;

    DispatchMetrics(MeterRegistry registry) {
        this.sent = counter(registry, "sent");
        this.duplicate = counter(registry, "duplicate");
        this.failed = counter(registry, "failed");
        this.deadLettered = counter(registry, "dead_lettered");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("surge.dispatch.outcomes")
                .description("deliveries of paid orders to the external platform by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
