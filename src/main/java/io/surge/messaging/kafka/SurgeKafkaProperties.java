package io.surge.messaging.kafka;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Topic layout and the consumer error policy. The old system ran 1 partition / replication 1 on a 3-broker cluster;
 * the defaults here are the production shape, and a single test broker lowers them through env.
 *
 * @param partitions partitions of every event topic and its dead-letter topic
 * @param replicationFactor copies of every partition (3 on the 3-broker stage)
 * @param minInsyncReplicas replicas that must have a write before an {@code acks=all} send succeeds
 * @param retryInitialInterval first pause before a failed record is redelivered to its listener
 * @param retryMultiplier growth of that pause per attempt
 * @param retryMaxInterval longest pause between attempts
 * @param retryMaxAttempts redeliveries before the record goes to {@code <topic>-dlt}
 * @param republishInterval how often incomplete outbox publications are resubmitted
 * @param republishOlderThan only publications at least this old are resubmitted (younger ones are still in flight)
 */
@Validated
@ConfigurationProperties("surge.kafka")
public record SurgeKafkaProperties(
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) @DefaultValue("3") short replicationFactor,
        @Min(1) @DefaultValue("2") int minInsyncReplicas,
        @NotNull @DefaultValue("500ms") Duration retryInitialInterval,
        @DecimalMin("1.0") @DefaultValue("2.0") double retryMultiplier,
        @NotNull @DefaultValue("5s") Duration retryMaxInterval,
        @Min(0) @DefaultValue("4") int retryMaxAttempts,
        @NotNull @DefaultValue("30s") Duration republishInterval,
        @NotNull @DefaultValue("30s") Duration republishOlderThan) {}
