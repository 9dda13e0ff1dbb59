package io.surge.traffic.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.surge.traffic.ProtectionMetrics;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The shared circuit breakers. {@link #call} runs a call through the named breaker and, when the breaker is open,
 * throws {@link CircuitOpen} at once (answered as 503 with Retry-After by the global handler) instead of letting every
 * request wait for a timeout on a dependency that is known to be failing. Use {@link #get} for the Resilience4j
 * breaker itself (e.g. to decorate a client).
 *
 * <p>Which exceptions count as failures: {@link InfrastructureFailures} (connection, timeout, 5xx), never a business
 * exception, so a sold-out coupon can not open the Redis breaker.
 */
@NamedInterface("breakers")
@Component
public class Breakers {

    public static final String MYSQL = "mysql";
    public static final String REDIS = "redis";
    public static final String EXTERNAL_PLATFORM = "external-platform";
    static final String GUARD = "circuit-breaker";

    private final CircuitBreakerRegistry registry;
    private final ProtectionMetrics metrics;
    private final boolean enabled;

    Breakers(CircuitBreakerRegistry registry, ProtectionMetrics metrics, ResilienceProperties properties) {
        this.registry = registry;
        this.metrics = metrics;
        this.enabled = properties.enabled();
    }

    /** The named breaker, with its own configuration when {@code surge.resilience.breakers} has one. */
    public CircuitBreaker get(String name) {
        return registry.getConfiguration(name).isPresent()
                ? registry.circuitBreaker(name, name)
                : registry.circuitBreaker(name);
    }

    public <T> T call(String name, Supplier<T> call) {
        if (!enabled) {
            return call.get();
        }
        CircuitBreaker breaker = get(name);
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            metrics.rejected(GUARD, name).increment();
            throw CircuitOpen.of(name, remainingWait(breaker));
        }
    }

    public void run(String name, Runnable call) {
        call(name, () -> {
            call.run();
            return null;
        });
    }

    /** The configured open-state wait: Resilience4j does not expose the time left, and this is its upper bound. */
    static Duration remainingWait(CircuitBreaker breaker) {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1));
    }
}
