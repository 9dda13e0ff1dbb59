package io.surge.coupon;

import io.surge.coupon.IssuedCouponWriter.Row;
import io.surge.lifecycle.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes every live campaign heal by itself, on every instance, once per {@code settle-interval} (the audit every
 * third pass):
 * <ul>
 *   <li>a unit pending longer than the write timeout (its instance died, its Redis answer was lost, its write failed
 *       or is unclear) is settled through {@link IssuedCouponWriter#settle}: the row is inserted if absent, and what
 *       MySQL then holds decides; nobody is locked out of a coupon they were never given;
 *   <li>the Redis state is compared with MySQL (read first, so a healthy state can only look ahead): an older epoch, an ordinal below the highest stored one, more stock than rows allow or fewer holders than
 *       rows mean Redis went back in time, and the campaign is rebuilt.
 * </ul>
 * Several instances may settle the same unit at once: every step is idempotent. A dedicated thread, so a MySQL outage
 * that makes each pass slow delays no other scheduled work.
 */
@Component
class PendingSettler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PendingSettler.class);
    private static final Duration CAMPAIGN_REFRESH = Duration.ofSeconds(5);
    private static final int CHUNK = 200;
    /** The audit reads MySQL (a COUNT over the campaign's rows): every third pass, still well inside the 10 s. */
    private static final int AUDIT_EVERY = 3;

    private final CouponLedger ledger;
    private final CampaignState state;
    private final CampaignCatalog catalog;
    private final CampaignRecovery recovery;
    private final IssuedCouponWriter writer;
    private final CouponProperties properties;
    private volatile PeriodicTask task;
    private List<Long> live = List.of();
    private long liveReadAt;
    private long passes;

    PendingSettler(
            CouponLedger ledger,
            CampaignState state,
            CampaignCatalog catalog,
            CampaignRecovery recovery,
            IssuedCouponWriter writer,
            CouponProperties properties) {
        this.ledger = ledger;
        this.state = state;
        this.catalog = catalog;
        this.recovery = recovery;
        this.writer = writer;
        this.properties = properties;
    }

    /** One pass over every live campaign (also called by tests that do not want to wait for the schedule). */
    synchronized void pass() {
        long now = System.currentTimeMillis();
        if (now - liveReadAt > CAMPAIGN_REFRESH.toMillis()) {
            live = ledger.liveCampaigns(properties.redisGrace());
            liveReadAt = now;
        }
        boolean auditing = passes++ % AUDIT_EVERY == 0;
        for (long couponId : live) {
            try {
                Campaign campaign = catalog.get(couponId);
                settle(campaign, now);
                if (auditing && campaign.isOpenAt(now)) {
                    audit(campaign);
                }
            } catch (RuntimeException e) {
                log.warn("Could not settle coupon campaign {} this pass: {}", couponId, e.toString());
            }
        }
    }

    private void settle(Campaign campaign, long now) {
        long olderThan = now - properties.writeTimeout().toMillis();
        List<Row> due = new ArrayList<>();
        for (Map.Entry<Long, String> pending : state.pending(campaign.id()).entrySet()) {
            Row row = row(campaign, pending.getKey(), pending.getValue());
            if (row != null && row.issuedAt().toEpochMilli() < olderThan) {
                due.add(row);
            }
        }
        for (int from = 0; from < due.size(); from += CHUNK) {
            var results = writer.settle(due.subList(from, Math.min(due.size(), from + CHUNK)));
            log.info("Settled {} pending coupons of campaign {}: {}", results.size(), campaign.id(), results.values());
        }
    }

    private void audit(Campaign campaign) {
        CouponLedger.Audit stored = ledger.audit(campaign.id());
        CampaignState.Snapshot redis = state.snapshot(campaign.id());
        if (redis.rebuilding() || !redis.present()) {
            // a missing state is rebuilt by the first issue that finds it (and holds no pending unit to settle)
            return;
        }
        String regressed = null;
        if (redis.epoch() < stored.epoch()) {
            regressed = "epoch " + redis.epoch() + " < " + stored.epoch();
        } else if (redis.seq() < stored.maxOrdinal()) {
            regressed = "ordinal " + redis.seq() + " < stored " + stored.maxOrdinal();
        } else if (stored.rows() + redis.stock() > campaign.totalQuantity()) {
            regressed = "stock " + redis.stock() + " + rows " + stored.rows() + " > " + campaign.totalQuantity();
        } else if (redis.holders() < stored.rows()) {
            regressed = "holders " + redis.holders() + " < rows " + stored.rows();
        }
        if (regressed != null) {
            log.warn("Coupon campaign {}: Redis state regressed ({}); rebuilding from MySQL", campaign.id(), regressed);
            recovery.requestRebuild(campaign);
        }
    }

    /** Parses a pending record "ordinal:issuedAtMs:epoch" back into the row its unit stands for. */
    static Row row(Campaign campaign, long memberId, String record) {
        String[] parts = record.split(":");
        if (parts.length != 3) {
            return null;
        }
        Instant issuedAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        return new Row(
                campaign.userCouponId(Long.parseLong(parts[0])),
                campaign.id(),
                memberId,
                issuedAt,
                campaign.expiryOfCouponIssuedAt(issuedAt),
                Long.parseLong(parts[2]));
    }

    @Override
    public void start() {
        task = PeriodicTask.start("coupon-settler", properties.settleInterval(), this::pass);
    }

    @Override
    public void stop() {
        PeriodicTask running = task;
        task = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
