package io.surge.messaging.kafka;

import java.time.Instant;

/** A record that exhausted its retries (or was poison), as the admin API lists it. */
public record DeadLetter(
        long id,
        String topic,
        String originalTopic,
        int partition,
        long offset,
        String key,
        String payload,
        String exception,
        Instant deadAt,
        Instant replayedAt,
        int replayCount) {}
