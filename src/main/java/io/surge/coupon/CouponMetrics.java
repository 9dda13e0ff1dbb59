package io.surge.coupon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code surge.coupon.issue{outcome}} counts every answer of the issue path; {@code surge.coupon.remaining{coupon}}
 * shows the stock last seen per open campaign (tagged by campaign id: only open campaigns, so few series). Counters
 * are resolved once, not looked up per request.
 */
@Component
class CouponMetrics {

    enum Outcome {
        ISSUED,
        SOLD_OUT,
        ALREADY_ISSUED,
        NOT_OPEN,
        NOT_FOUND,
        UNAVAILABLE
    }

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    private final Map<Long, AtomicLong> remaining = new ConcurrentHashMap<>();
    private final Map<Long, Long> endsAt = new ConcurrentHashMap<>();

    CouponMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            counters.put(
                    outcome,
                    Counter.builder("surge.coupon.issue")
                            .description("Coupon issue answers by outcome")
                            .tag("outcome", outcome.name().toLowerCase())
                            .register(registry));
        }
    }

    void count(Outcome outcome) {
        counters.get(outcome).increment();
    }

    void remaining(Campaign campaign, long stockLeft) {
        remaining
                .computeIfAbsent(campaign.id(), id -> {
                    AtomicLong value = new AtomicLong(stockLeft);
                    endsAt.put(id, campaign.issueEndsAt().toEpochMilli());
                    Gauge.builder("surge.coupon.remaining", value, AtomicLong::get)
                            .description("Remaining stock of an open coupon campaign, as last seen by this instance")
                            .tag("coupon", Long.toString(id))
                            .register(registry);
                    return value;
                })
                .set(stockLeft);
    }

    /** Ended campaigns leave the gauge, so the series count follows the open campaigns. */
    @Scheduled(fixedDelay = 60_000)
    void dropEndedCampaigns() {
        long now = System.currentTimeMillis();
        endsAt.entrySet().removeIf(entry -> {
            if (entry.getValue() > now) {
                return false;
            }
            remaining.remove(entry.getKey());
            registry.find("surge.coupon.remaining")
                    .tag("coupon", Long.toString(entry.getKey()))
                    .gauges()
                    .forEach(registry::remove);
            return true;
        });
    }
}
