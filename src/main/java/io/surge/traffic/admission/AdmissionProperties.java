package io.surge.traffic.admission;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-instance concurrency limit in front of every handler.
 *
 * @param enabled off only for benchmarks that measure the unprotected path
 * @param mode {@code FIXED}: at most {@code limit} requests in flight; {@code ADAPTIVE}: Netflix Gradient2 moves the
 *     limit between {@code minLimit} and {@code maxLimit} from the measured latency, starting at {@code limit}
 * @param limit requests in flight per instance (the starting point in adaptive mode); keep it below the Tomcat thread
 *     count so excess is refused instead of queued
 * @param minLimit adaptive floor
 * @param maxLimit adaptive ceiling
 * @param retryAfter advertised to refused clients
 * @param exemptPathPrefixes never limited: probes, metrics and admin, so operators can still see and steer an instance
 *     that is shedding load
 */
@Validated
@ConfigurationProperties("surge.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("FIXED") Mode mode,
        @Min(1) @DefaultValue("150") int limit,
        @Min(1) @DefaultValue("20") int minLimit,
        @Min(1) @DefaultValue("400") int maxLimit,
        @NotNull @DefaultValue("1s") Duration retryAfter,

        @NotNull @DefaultValue({"/healthz", "/readyz", "/actuator/", "/api/admin/"})
        List<String> exemptPathPrefixes) {

    public enum Mode {
        FIXED,
        ADAPTIVE
    }
}
