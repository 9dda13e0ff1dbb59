package io.surge.messaging.kafka;

import java.time.Instant;
import java.util.List;

/** The listeners of one running instance, as it last reported them. */
public record InstanceConsumers(
        String instanceId, Instant reportedAt, boolean autoPaused, List<ListenerState> listeners) {}
