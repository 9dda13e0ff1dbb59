package io.surge.messaging.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits outbox publications that never completed (broker down at commit time, instance killed mid-send). Every
 * instance runs it; a publication sent twice is harmless because every consumer is idempotent by event id.
 */
@Component
class OutboxRepublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxRepublisher.class);
    private final IncompleteEventPublications incomplete;
    private final SurgeKafkaProperties properties;

    OutboxRepublisher(IncompleteEventPublications incomplete, SurgeKafkaProperties properties) {
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${surge.kafka.republish-interval:30s}",
            initialDelayString = "${surge.kafka.republish-interval:30s}")
    void resubmit() {
        try {
            incomplete.resubmitIncompletePublicationsOlderThan(properties.republishOlderThan());
        } catch (RuntimeException e) {
            log.warn("Resubmitting incomplete publications failed; next round retries: {}", e.toString());
        }
    }
}
