package io.surge.messaging.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dead letters: {@code surge.kafka.dead.letters{topic}} counts records stored per original topic (a handful of event
 * topics), {@code surge.kafka.dead.letters.unreplayed} is how many stored ones were never replayed, the figure the
 * "DLT not empty" alert watches. The gauge reads MySQL at most once per {@link #REFRESH_NANOS} however often it is
 * scraped, and reports NaN (no sample) while MySQL does not answer.
 */
@Component
class DeadLetterMetrics {

    static final long REFRESH_NANOS = 10_000_000_000L;
    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Map<String, Counter> recorded = new ConcurrentHashMap<>();
    private volatile long readAt = System.nanoTime() - REFRESH_NANOS;
    private volatile double unreplayed = Double.NaN;

    DeadLetterMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        Gauge.builder("surge.kafka.dead.letters.unreplayed", this, DeadLetterMetrics::unreplayed)
                .description("dead letters stored and never replayed")
                .register(registry);
    }

    void recorded(String originalTopic) {
        recorded.computeIfAbsent(
                        originalTopic,
                        topic -> Counter.builder("surge.kafka.dead.letters")
                                .description("records dead-lettered, by their original topic")
                                .tag("topic", topic)
                                .register(registry))
                .increment();
        readAt = System.nanoTime() - REFRESH_NANOS; // the next scrape sees it
    }

    void replayed() {
        readAt = System.nanoTime() - REFRESH_NANOS;
    }

    private synchronized double unreplayed() {
        long now = System.nanoTime();
        if (now - readAt >= REFRESH_NANOS) {
            readAt = now;
            try {
                unreplayed = jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE replayed_at IS NULL")
                        .query(Long.class)
                        .single();
            } catch (RuntimeException unavailable) {
                unreplayed = Double.NaN;
            }
        }
        return unreplayed;
    }
}
