package io.surge.coupon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Campaign definitions cached per instance. They never change after creation, so a hit needs no invalidation; an
 * unknown id is remembered briefly so a client spraying ids cannot turn the issue path into MySQL load.
 */
@Component
class CampaignCatalog {

    private static final int MAX_ENTRIES = 10_000;
    private final Coupons coupons;
    private final long unknownTtlNanos;
    private final Map<Long, Campaign> known = new ConcurrentHashMap<>();
    private final Map<Long, Long> unknownUntil = new ConcurrentHashMap<>();

    CampaignCatalog(Coupons coupons, CouponProperties properties) {
        this.coupons = coupons;
        this.unknownTtlNanos = properties.unknownCampaignCacheTtl().toNanos();
    }

    Campaign get(long couponId) {
        Campaign campaign = known.get(couponId);
        if (campaign != null) {
            return campaign;
        }
        Long until = unknownUntil.get(couponId);
        if (until != null && until - System.nanoTime() > 0) {
            throw CouponNotFound.of(couponId);
        }
        return load(couponId);
    }

    void remember(Campaign campaign) {
        if (known.size() >= MAX_ENTRIES) {
            known.clear();
        }
        known.put(campaign.id(), campaign);
        unknownUntil.remove(campaign.id());
    }

    private Campaign load(long couponId) {
        Campaign campaign = coupons.findById(couponId).map(Coupon::toCampaign).orElse(null);
        if (campaign == null) {
            if (unknownUntil.size() >= MAX_ENTRIES) {
                unknownUntil.clear();
            }
            unknownUntil.put(couponId, System.nanoTime() + unknownTtlNanos);
            throw CouponNotFound.of(couponId);
        }
        remember(campaign);
        return campaign;
    }
}
