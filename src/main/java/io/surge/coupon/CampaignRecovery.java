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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a campaign's Redis state from MySQL, the durable record: after Redis lost its data (restart without
 * persistence, flush, expiry while still needed) or on an admin's request (to return units leaked when an instance
 * died between the script and its insert). One instance wins the gate; while it is closed every instance answers a
 * fast 503 and the script writes nothing, so no decision is ever taken on half a state.
 */
@Component
class CampaignRecovery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CampaignRecovery.class);
    private static final Duration MAX_REBUILD = Duration.ofSeconds(60);

    private final CampaignState state;
    private final JdbcClient jdbc;
    private final SoldOutFlags soldOut;
    private final Duration settle;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("coupon-recovery").daemon(true).factory());
    private final Map<Long, Boolean> inProgress = new ConcurrentHashMap<>();

    CampaignRecovery(CampaignState state, JdbcClient jdbc, SoldOutFlags soldOut, CouponProperties properties) {
        this.state = state;
        this.jdbc = jdbc;
        this.soldOut = soldOut;
        this.settle = properties.rebuildSettle();
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
            sleep(settle);
            List<Long> holders = jdbc.sql("SELECT member_id FROM user_coupon WHERE coupon_id = ?")
                    .param(campaign.id())
                    .query(Long.class)
                    .list();
            long maxOrdinal = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM user_coupon WHERE coupon_id = ?")
                            .param(campaign.id())
                            .query(Long.class)
                            .single()
                    % Campaign.ID_SPACE;
            state.write(campaign, holders, maxOrdinal);
            soldOut.clear(campaign.id());
            log.info(
                    "Rebuilt coupon campaign {} from MySQL: {} holders, {} left",
                    campaign.id(),
                    holders.size(),
                    campaign.totalQuantity() - holders.size());
            return true;
        } finally {
            state.openGate(campaign.id());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
