/**
 * Kafka wiring for every module: topic creation from each module's {@link io.surge.messaging.EventTopics},
 * one error handler with dead-letter topics, the dead-letter store and replay, consumer pause/resume and the MySQL
 * watch, outbox resubmission, consumer idempotency. API (this package): {@code EventTopics}, {@code ProcessedEvents},
 * {@code PoisonEvent}, {@code DeadLetterHook}; everything else is internal ({@code kafka}, {@code web}).
 */
@ApplicationModule(allowedDependencies = {"lifecycle", "redis", "web"})
package io.surge.messaging;

import org.springframework.modulith.ApplicationModule;
