package io.surge.messaging;

import java.util.List;

/**
 * The topics a module publishes to, declared as a bean so the platform creates each one (and its {@code -dlt}) with
 * the configured partitions, replication and {@code min.insync.replicas} without knowing the module.
 */
public record EventTopics(List<String> names) {

    public static EventTopics of(String... names) {
        return new EventTopics(List.of(names));
    }
}
