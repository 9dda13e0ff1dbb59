package io.surge.coupon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Sold-out is (nearly) final, and after it the whole flood is rejections: a short-lived local flag answers them
 * without a Redis round trip. Short, because an admin rebuild can return units leaked by a crash.
 */
@Component
class SoldOutFlags {

    private final long ttlNanos;
    private final Map<Long, Long> soldOutUntil = new ConcurrentHashMap<>();

    SoldOutFlags(CouponProperties properties) {
        this.ttlNanos = properties.soldOutCacheTtl().toNanos();
    }

    boolean isSoldOut(long couponId) {
        Long until = soldOutUntil.get(couponId);
        return until != null && until - System.nanoTime() > 0;
    }

    void flag(long couponId) {
        if (ttlNanos > 0) {
            soldOutUntil.put(couponId, System.nanoTime() + ttlNanos);
        }
    }

    void clear(long couponId) {
        soldOutUntil.remove(couponId);
    }
}
