package io.surge.messaging.kafka;

import io.surge.messaging.DeadLetterHook;
import io.surge.messaging.PoisonEvent;
import io.surge.web.InfrastructureFailures;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error handler every listener container uses (Boot applies a {@code CommonErrorHandler} bean to the default
 * container factory): redeliver with exponential backoff, then publish the record to {@code <topic>-dlt} on the same
 * partition. Poison (undecodable or semantically impossible) records skip the retries. A record that failed because
 * MySQL could not be reached is retried with the same backoff but without a limit: the outage is not the record's
 * fault, and {@link MySqlWatch} pauses the listener meanwhile (a paused container fetches nothing, so the retries
 * stop until it resumes). Nothing is logged and dropped: the offset only moves on once the record is processed or
 * safely in the dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class KafkaErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(KafkaErrorHandling.class);

    @Bean
    CommonErrorHandler kafkaErrorHandler(
            KafkaOperations<?, ?> template, SurgeKafkaProperties properties, List<DeadLetterHook> hooks) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, ex) -> {
            log.warn(
                    "Record {}-{}@{} goes to the dead-letter topic: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    ex.toString());
            return new TopicPartition(record.topic() + KafkaTopicsConfiguration.DLT_SUFFIX, record.partition());
        });
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retryMaxAttempts());
        backOff.setInitialInterval(properties.retryInitialInterval().toMillis());
        backOff.setMultiplier(properties.retryMultiplier());
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, ex) -> {
                    recoverer.accept(record, ex);
                    String key = record.key() == null ? null : record.key().toString();
                    for (DeadLetterHook hook : hooks) {
                        try {
                            hook.deadLettered(record.topic(), key, ex);
                        } catch (RuntimeException hookFailure) {
                            log.warn("Dead-letter hook failed for {}: {}", record.topic(), hookFailure.toString());
                        }
                    }
                },
                backOff);
        handler.addNotRetryableExceptions(PoisonEvent.class);
        ExponentialBackOff untilReachable =
                new ExponentialBackOff(properties.retryInitialInterval().toMillis(), properties.retryMultiplier());
        untilReachable.setMaxInterval(properties.retryMaxInterval().toMillis());
        handler.setBackOffFunction(
                (record, ex) -> InfrastructureFailures.databaseUnreachable(ex) ? untilReachable : null);
        return handler;
    }
}
