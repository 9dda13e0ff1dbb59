package io.surge.lifecycle;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param drainDelay after SIGTERM, how long the instance keeps serving with readiness already DOWN before it stops
 *     accepting connections: the time a load balancer or orchestrator needs to notice and stop routing here
 */
@Validated
@ConfigurationProperties("surge.shutdown")
public record ShutdownProperties(
        @NotNull @DefaultValue("0s") Duration drainDelay) {}
