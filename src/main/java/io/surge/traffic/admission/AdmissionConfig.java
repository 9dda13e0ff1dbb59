package io.surge.traffic.admission;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limiter is Netflix concurrency-limits' non-blocking {@link SimpleLimiter}: acquire either succeeds at once or
 * fails at once, so excess load never waits in a queue of ours (Tomcat's accept queue is the only queue left).
 */
@Configuration(proxyBeanMethods = false)
class AdmissionConfig {

    @Bean
    SimpleLimiter<Void> admissionLimiter(AdmissionProperties properties, MeterRegistry meters) {
        Limit limit = switch (properties.mode()) {
            case FIXED -> FixedLimit.of(properties.limit());
            case ADAPTIVE ->
                Gradient2Limit.newBuilder()
                        .initialLimit(properties.limit())
                        .minLimit(properties.minLimit())
                        .maxConcurrency(properties.maxLimit())
                        .build();
        };
        SimpleLimiter<Void> limiter =
                SimpleLimiter.newBuilder().named("admission").limit(limit).build();
        Gauge.builder("surge.admission.limit", limiter, SimpleLimiter::getLimit)
                .description("Current per-instance concurrency limit")
                .register(meters);
        Gauge.builder("surge.admission.inflight", limiter, SimpleLimiter::getInflight)
                .description("Requests currently admitted and in flight")
                .register(meters);
        return limiter;
    }
}
