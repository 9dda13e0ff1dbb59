package io.surge.traffic.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.surge.traffic.resilience.ResilienceProperties.BreakerSpec;
import io.surge.web.InfrastructureFailures;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Resilience4j registry for the application. Every breaker is named after its dependency; its configuration is the
 * named entry of {@code surge.resilience.breakers} or the defaults. Breaker states and call outcomes are exported as
 * {@code resilience4j_circuitbreaker_*} meters.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfig {

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(ResilienceProperties properties, MeterRegistry meters) {
        Map<String, CircuitBreakerConfig> configs = new HashMap<>();
        properties.breakers().forEach((name, spec) -> configs.put(name, config(spec)));
        for (String name : new String[] {Breakers.MYSQL, Breakers.REDIS, Breakers.EXTERNAL_PLATFORM}) {
            configs.putIfAbsent(name, config(properties.defaults()));
        }
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config(properties.defaults()));
        configs.forEach(registry::addConfiguration);
        configs.keySet().forEach(name -> registry.circuitBreaker(name, name));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    static CircuitBreakerConfig config(BreakerSpec spec) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(spec.failureRateThreshold())
                .slowCallDurationThreshold(spec.slowCallThreshold())
                .slowCallRateThreshold(spec.slowCallRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                // every Redis script and connection acquisition records into the window: no monitor on that path
                .slidingWindowSynchronizationStrategy(
                        CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
                .slidingWindowSize(spec.slidingWindowSize())
                .minimumNumberOfCalls(spec.minimumNumberOfCalls())
                .waitDurationInOpenState(spec.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(spec.permittedCallsInHalfOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(InfrastructureFailures::dependencyFailed)
                .build();
    }
}
