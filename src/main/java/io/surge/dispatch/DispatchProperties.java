package io.surge.dispatch;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The external platform call: one per delivery; the Kafka error handler redelivers a failed record a few more times
 * (surge.kafka.retry-*) before it goes to the dead-letter topic, the only retry layer.
 *
 * @param platformUrl where paid orders are POSTed
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest wait for the platform's answer
 * <p>The circuit breaker around these calls is the shared {@code external-platform} breaker, configured under
 * {@code surge.resilience.breakers.external-platform}.
 */
@Validated
@ConfigurationProperties("surge.dispatch")
public record DispatchProperties(
        @NotBlank @DefaultValue("http://127.0.0.1:8089/orders")
        String platformUrl,

        @NotNull @DefaultValue("1s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration readTimeout) {}
