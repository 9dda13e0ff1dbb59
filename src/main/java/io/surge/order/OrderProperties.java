package io.surge.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param paymentWindow how long an order stays PENDING before it expires and its reservation is released
 * @param expiryInterval how often each instance looks for due orders (and for payments that timed out)
 * @param paymentTimeout how long an order may stay PAYMENT_PROCESSING before the payment module is asked to settle
 *     it (and again after each further timeout while it stays so)
 * @param expiryBatchSize orders one expiry round claims (SKIP LOCKED) and expires in one transaction
 * @param maxItems most lines one order may have
 * @param maxQuantity most units of one option per order
 */
@Validated
@ConfigurationProperties("surge.order")
public record OrderProperties(
        @NotNull @DefaultValue("15m") Duration paymentWindow,
        @NotNull @DefaultValue("5s") Duration expiryInterval,
        @NotNull @DefaultValue("2m") Duration paymentTimeout,
        @Min(1) @Max(1000) @DefaultValue("100") int expiryBatchSize,
        @Min(1) @Max(100) @DefaultValue("20") int maxItems,
        @Min(1) @Max(10_000) @DefaultValue("100") int maxQuantity) {}
