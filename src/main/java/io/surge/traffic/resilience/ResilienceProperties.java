package io.surge.traffic.resilience;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Circuit breakers: {@code defaults} for every breaker, {@code breakers} overrides per name ({@code mysql} guards
 * connection acquisition, {@code redis} the Redis calls made through {@link Breakers}, {@code external-platform} the
 * dispatch module's calls).
 *
 * @param enabled off: calls pass straight through, the breakers never open
 * @param defaults settings of any breaker without its own entry
 * @param breakers per-name settings
 */
@Validated
@ConfigurationProperties("surge.resilience")
public record ResilienceProperties(
        @DefaultValue("true") boolean enabled,
        @Valid @NotNull @DefaultValue BreakerSpec defaults,
        @Valid @DefaultValue Map<String, BreakerSpec> breakers) {

    public BreakerSpec spec(String name) {
        return breakers.getOrDefault(name, defaults);
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param slowCallThreshold calls slower than this count as slow
     * @param slowCallRateThreshold percentage of slow calls that opens the breaker (100 = slow alone never opens)
     * @param slidingWindowSize calls the failure rate is computed over
     * @param minimumNumberOfCalls calls needed in the window before the rate is judged
     * @param waitInOpen how long an open breaker refuses before letting trial calls through (half-open)
     * @param permittedCallsInHalfOpen trial calls; all must succeed (below the thresholds) to close again
     */
    public record BreakerSpec(
            @DecimalMin("1") @DecimalMax("100") @DefaultValue("50")
            float failureRateThreshold,

            @NotNull @DefaultValue("2s") Duration slowCallThreshold,

            @DecimalMin("1") @DecimalMax("100") @DefaultValue("100")
            float slowCallRateThreshold,

            @Min(1) @DefaultValue("20") int slidingWindowSize,
            @Min(1) @DefaultValue("10") int minimumNumberOfCalls,
            @NotNull @DefaultValue("5s") Duration waitInOpen,
            @Min(1) @DefaultValue("3") int permittedCallsInHalfOpen) {}
}
