package io.surge.messaging.kafka;

import io.surge.messaging.EventTopics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Connects the outbox's Kafka producer before the instance reports ready. Left alone, the first publication creates
 * it: on a freshly started stage each instance's first order waited 2-5 s for the producer, its idempotent producer
 * id and its topic's metadata while the sale was already running (docs/performance.md, "The first orders of a
 * sale"). Runners run before Spring Boot publishes readiness, so nginx sends no order before this is done.
 *
 * <p>A broker that does not answer delays the start by at most the producer's {@code max.block.ms} once: the first
 * failure ends the warm-up, and the outbox delivers whatever is published meanwhile, as it would anyway.
 */
@Component
class ProducerWarmup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmup.class);
    private final KafkaOperations<?, ?> kafka;
    private final List<String> topics;
    private final Map<String, Integer> partitionsSeen = new LinkedHashMap<>();

    ProducerWarmup(KafkaOperations<?, ?> kafka, List<EventTopics> declarations) {
        this.kafka = kafka;
        this.topics = declarations.stream()
                .flatMap(d -> d.names().stream())
                .distinct()
                .toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        for (String topic : topics) {
            try {
                partitionsSeen.put(topic, kafka.partitionsFor(topic).size());
            } catch (RuntimeException e) {
                log.warn(
                        "Kafka producer not connected before readiness ({} of {} topics); the first publication"
                                + " connects it: {}",
                        partitionsSeen.size(),
                        topics.size(),
                        e.toString());
                return;
            }
        }
        log.info(
                "Kafka producer connected before readiness: metadata for {} topics in {} ms",
                topics.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Partitions the producer saw per topic at start; a topic missing here was not reached. */
    Map<String, Integer> partitionsSeen() {
        return Map.copyOf(partitionsSeen);
    }
}
