package io.surge.messaging.kafka;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cluster-wide pause/resume of the Kafka listeners.
 *
 * @param reconcileInterval how often each instance re-reads the shared pause state (pub/sub makes it immediate;
 *     this catches a missed message)
 * @param statusTtl how long an instance's published status lives after its last reconcile
 * @param autoPause pause the listeners by itself while MySQL is unhealthy
 * @param unhealthyAfter MySQL probes failing this long trigger the automatic pause
 * @param healthyAfter MySQL probes succeeding this long lift the automatic pause (never a manual one)
 */
@Validated
@ConfigurationProperties("surge.consumers")
public record ConsumerControlProperties(
        @NotNull @DefaultValue("1s") Duration reconcileInterval,
        @NotNull @DefaultValue("10s") Duration statusTtl,
        @DefaultValue("true") boolean autoPause,
        @NotNull @DefaultValue("5s") Duration unhealthyAfter,
        @NotNull @DefaultValue("10s") Duration healthyAfter) {}
