package io.surge.coupon;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param redisGrace how long a campaign's Redis keys outlive its issue window (then they expire: bounded memory)
 * @param soldOutCacheTtl how long an instance answers COUPON_SOLD_OUT locally, without a Redis round trip
 * @param unknownCampaignCacheTtl how long an unknown campaign id is remembered as unknown (spares MySQL from sprays)
 * @param writerThreads threads that group-commit issued coupons to MySQL
 * @param writerBatchSize largest multi-row insert
 * @param writerQueueCapacity issued coupons waiting for MySQL before new issues are shed with 503
 * @param writeTimeout longest a request waits for its coupon's row before it is answered 503; a unit pending longer
 *     than this is settled by any instance
 * @param settleInterval how often an instance settles old pending units and audits open campaigns against MySQL
 */
@Validated
@ConfigurationProperties("surge.coupon")
public record CouponProperties(
        @NotNull @DefaultValue("1h") Duration redisGrace,
        @NotNull @DefaultValue("1s") Duration soldOutCacheTtl,
        @NotNull @DefaultValue("2s") Duration unknownCampaignCacheTtl,
        @Min(1) @Max(16) @DefaultValue("2") int writerThreads,
        @Min(1) @Max(1000) @DefaultValue("200") int writerBatchSize,
        @Min(1) @DefaultValue("20000") int writerQueueCapacity,
        @NotNull @DefaultValue("3s") Duration writeTimeout,
        @NotNull @DefaultValue("1s") Duration settleInterval) {}
