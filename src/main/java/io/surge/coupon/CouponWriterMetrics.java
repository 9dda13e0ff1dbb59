package io.surge.coupon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The group-commit queue of issued coupons: how full it is against its capacity. A full queue sheds new issues with
 * {@code 503}, so "near capacity" is the early warning that MySQL is not keeping up with Redis.
 */
@Component
class CouponWriterMetrics implements MeterBinder {

    private final IssuedCouponWriter writer;
    private final CouponProperties properties;

    CouponWriterMetrics(IssuedCouponWriter writer, CouponProperties properties) {
        this.writer = writer;
        this.properties = properties;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("surge.coupon.writer.queued", writer, IssuedCouponWriter::queued)
                .description("issued coupons waiting to be written to MySQL")
                .register(registry);
        Gauge.builder("surge.coupon.writer.capacity", properties, CouponProperties::writerQueueCapacity)
                .description("issued coupons the writer queue holds before new issues are shed")
                .register(registry);
    }
}
