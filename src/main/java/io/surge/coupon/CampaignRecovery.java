package io.surge.coupon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a campaign's Redis state from MySQL, the durable record: after Redis lost its data (restart without
 * persistence, flush, expiry while still needed), after it went back in time (an {@code everysec} AOF, a lagging
 * replica promoted: found by {@link PendingSettler}'s audit or by an id clash), or on an admin's request. One instance
 * wins the gate; while it is closed every instance answers a fast 503 and the script writes nothing, so no decision
 * is ever taken on half a state. No waiting for in-flight writes: {@link CouponLedger#fence} advances the campaign's
 * epoch under a lock every write shares, so a write either landed before the rows are counted or is refused.
 */
@Component
class CampaignRecovery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CampaignRecovery.class);
    private static final Duration MAX_REBUILD = Duration.ofSeconds(60);

    private final CampaignState state;
    private final CouponLedger ledger;
    private final SoldOutFlags soldOut;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("coupon-recovery").daemon(true).factory());
    private final Map<Long, Boolean> inProgress = new ConcurrentHashMap<>();

    CampaignRecovery(CampaignState state, CouponLedger ledger, SoldOutFlags soldOut) {
        this.state = state;
        this.ledger = ledger;
        this.soldOut = soldOut;
    }

    /** Starts a rebuild in the background unless this instance already runs one for the campaign. */
    void requestRebuild(Campaign campaign) {
        if (inProgress.putIfAbsent(campaign.id(), Boolean.TRUE) == null) {
            executor.execute(() -> {
                try {
                    rebuild(campaign);
                } catch (RuntimeException e) {
                    log.error("Rebuilding coupon campaign {} failed; the next request retries", campaign.id(), e);
                } finally {
                    inProgress.remove(campaign.id());
                }
            });
        }
    }

    /** @return false when another instance holds the gate (it is rebuilding the same campaign) */
    boolean rebuild(Campaign campaign) {
        if (!state.closeGate(campaign.id(), MAX_REBUILD)) {
            return false;
        }
        try {
            CouponLedger.Fenced fenced = ledger.fence(campaign.id());
            state.write(campaign, fenced.holders(), fenced.maxOrdinal(), fenced.epoch());
            List<Long> holders = fenced.holders();
            soldOut.clear(campaign.id());
            log.info(
                    "Rebuilt coupon campaign {} from MySQL (epoch {}): {} holders, {} left",
                    campaign.id(),
                    fenced.epoch(),
                    holders.size(),
                    campaign.totalQuantity() - holders.size());
            return true;
        } finally {
            state.openGate(campaign.id());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
