package io.surge.messaging;

/**
 * Told when a record leaves its topic for the dead-letter topic, so the owning module can show the failure (e.g.
 * dispatch marks the order FAILED) without the platform knowing any module.
 */
public interface DeadLetterHook {

    void deadLettered(String topic, String key, Exception cause);
}
