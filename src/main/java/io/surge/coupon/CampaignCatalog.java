package io.surge.coupon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Campaign definitions cached per instance. They never change after creation, so a hit needs no invalidation; an
 * unknown id is remembered briefly so a client spraying ids cannot turn the issue path into MySQL load. Both caches are
 * Caffeine, bounded by size: past the bound the least useful entries go, not (as the hand-rolled map did at 10,000
 * entries) every entry at once, which turned the next request for every live campaign into a MySQL read.
 */
@Component
class CampaignCatalog {

    private static final int MAX_ENTRIES = 10_000;
    private final Coupons coupons;
    private final Cache<Long, Campaign> known =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final Cache<Long, Boolean> unknown;

    CampaignCatalog(Coupons coupons, CouponProperties properties) {
        this.coupons = coupons;
        Duration unknownTtl = properties.unknownCampaignCacheTtl();
        this.unknown = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(unknownTtl)
                .build();
    }

    /** Hot path: one cache read for a known campaign (no I/O, no lock, no allocation beyond the boxed id). */
    Campaign get(long couponId) {
        Campaign campaign = known.getIfPresent(couponId);
        if (campaign != null) {
            return campaign;
        }
        if (unknown.getIfPresent(couponId) != null) {
            throw CouponNotFound.of(couponId);
        }
        return load(couponId);
    }

    void remember(Campaign campaign) {
        known.put(campaign.id(), campaign);
        unknown.invalidate(campaign.id());
    }

    private Campaign load(long couponId) {
        Campaign campaign = coupons.findById(couponId).orElse(null);
        if (campaign == null) {
            unknown.put(couponId, Boolean.TRUE);
            throw CouponNotFound.of(couponId);
        }
        remember(campaign);
        return campaign;
    }
}
