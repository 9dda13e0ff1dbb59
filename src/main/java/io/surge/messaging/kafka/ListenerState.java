package io.surge.messaging.kafka;

import java.time.Instant;

/**
 * One listener on one instance. {@code pauseRequested} is what was asked; {@code paused} is whether the consumer has
 * actually stopped fetching (it gets there at its next poll), so an operator can tell "asked" from "done".
 */
public record ListenerState(
        String listenerId,
        boolean running,
        boolean pauseRequested,
        boolean paused,
        Instant pausedSince,
        String reason) {}
