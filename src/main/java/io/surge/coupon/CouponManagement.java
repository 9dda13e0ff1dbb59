package io.surge.coupon;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.surge.coupon.CouponMetrics.Outcome;
import io.surge.traffic.resilience.Breakers;
import io.surge.web.ServiceUnavailable;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coupon module's API. Issuing costs one Redis round trip (none for a campaign known locally to be sold out,
 * unknown, or outside its window) plus, for a winner only, a share of a group-committed MySQL insert.
 */
@Service
public class CouponManagement {

    private static final Logger log = LoggerFactory.getLogger(CouponManagement.class);

    private final Coupons coupons;
    private final UserCoupons userCoupons;
    private final CampaignCatalog catalog;
    private final CampaignState state;
    private final CampaignRecovery recovery;
    private final IssuedCouponWriter writer;
    private final SoldOutFlags soldOut;
    private final CouponMetrics metrics;
    private final CouponProperties properties;
    private final Breakers breakers;

    CouponManagement(
            Coupons coupons,
            UserCoupons userCoupons,
            CampaignCatalog catalog,
            CampaignState state,
            CampaignRecovery recovery,
            IssuedCouponWriter writer,
            SoldOutFlags soldOut,
            CouponMetrics metrics,
            CouponProperties properties,
            Breakers breakers) {
        this.coupons = coupons;
        this.userCoupons = userCoupons;
        this.catalog = catalog;
        this.state = state;
        this.recovery = recovery;
        this.writer = writer;
        this.soldOut = soldOut;
        this.metrics = metrics;
        this.properties = properties;
        this.breakers = breakers;
    }

    /** Stores the campaign, then prepares its Redis state; if Redis is down now, the first issue rebuilds it. */
    public CouponView create(NewCoupon spec) {
        Campaign campaign = coupons.insert(spec);
        catalog.remember(campaign);
        try {
            state.write(campaign, List.of(), 0, 0);
        } catch (RuntimeException e) {
            log.warn("Coupon campaign {} stored, Redis state not prepared yet: {}", campaign.id(), e.toString());
        }
        return campaign.toView(campaign.totalQuantity());
    }

    public CouponView find(long couponId) {
        Campaign campaign = catalog.get(couponId);
        long remaining = state.remaining(couponId)
                .orElseGet(() -> campaign.totalQuantity() - userCoupons.countByCouponId(couponId));
        return campaign.toView(Math.max(0, remaining));
    }

    /** Sold out and already issued are returned (see {@link IssueResult}); every other failure is thrown. */
    public IssueResult issue(long couponId, long memberId) {
        Campaign campaign;
        try {
            campaign = catalog.get(couponId);
        } catch (CouponNotFound e) {
            metrics.count(Outcome.NOT_FOUND);
            throw e;
        }
        long now = System.currentTimeMillis();
        if (!campaign.isOpenAt(now)) {
            metrics.count(Outcome.NOT_OPEN);
            throw CouponNotOpen.of(couponId);
        }
        if (soldOut.isSoldOut(couponId)) {
            metrics.count(Outcome.SOLD_OUT);
            return new IssueResult.SoldOut(couponId);
        }
        if (mysqlDown()) {
            // no row could be stored: taking a unit would only leave a pending record, settled into a coupon for a
            // member who was told 503 (the MariaDB drill saw thousands); refuse before Redis instead
            metrics.count(Outcome.UNAVAILABLE);
            throw new ServiceUnavailable("Coupons cannot be stored right now; retry shortly.");
        }
        IssueOutcome outcome = state.issue(couponId, memberId);
        if (outcome.pending()) {
            return settlePending(campaign, row(campaign, memberId, outcome));
        }
        if (!outcome.issued()) {
            return rejection(campaign, outcome, now);
        }
        metrics.remaining(campaign, outcome.stockLeft());
        if (outcome.stockLeft() == 0) {
            soldOut.flag(couponId);
        }
        return persist(campaign, row(campaign, memberId, outcome));
    }

    private boolean mysqlDown() {
        var breaker = breakers.get(Breakers.MYSQL).getState();
        return breaker == CircuitBreaker.State.OPEN || breaker == CircuitBreaker.State.FORCED_OPEN;
    }

    private static IssuedCouponWriter.Row row(Campaign campaign, long memberId, IssueOutcome outcome) {
        Instant issuedAt = Instant.ofEpochMilli(outcome.issuedAtMillis());
        return new IssuedCouponWriter.Row(
                campaign.userCouponId(outcome.ordinal()),
                campaign.id(),
                memberId,
                issuedAt,
                campaign.expiryOfCouponIssuedAt(issuedAt),
                outcome.epoch());
    }

    /**
     * The member took a unit whose row is not confirmed: their answer was lost (a timeout, a crashed instance, a
     * failed write) or is still on its way (a concurrent attempt). Settle it now instead of answering ALREADY_ISSUED
     * for a coupon they may not hold: 201 when this call stored the row, 409 when it was already stored (exactly one
     * 201 per coupon).
     */
    private IssueResult settlePending(Campaign campaign, IssuedCouponWriter.Row row) {
        IssuedCouponWriter.Result result;
        try {
            result = writer.settle(List.of(row)).get(row);
        } catch (DataAccessException e) {
            // Most often a concurrent attempt of the same member whose group commit holds the row's lock: once that
            // committed, the member holds the coupon and ALREADY_ISSUED is the truth; otherwise nobody knows yet
            if (holds(campaign.id(), row.memberId())) {
                metrics.count(Outcome.ALREADY_ISSUED);
                return new IssueResult.AlreadyIssued(campaign.id());
            }
            metrics.count(Outcome.UNAVAILABLE);
            throw new ServiceUnavailable("The coupon could not be stored in time; check your coupons before retrying.");
        }
        return answer(campaign, row, result);
    }

    private boolean holds(long couponId, long memberId) {
        try {
            return userCoupons.existsByCouponIdAndMemberId(couponId, memberId);
        } catch (DataAccessException e) {
            return false;
        }
    }

    private IssueResult rejection(Campaign campaign, IssueOutcome outcome, long now) {
        long couponId = campaign.id();
        if (outcome.code() == IssueOutcome.SOLD_OUT) {
            soldOut.flag(couponId);
            metrics.remaining(campaign, 0);
            metrics.count(Outcome.SOLD_OUT);
            return new IssueResult.SoldOut(couponId);
        }
        if (outcome.code() == IssueOutcome.ALREADY_ISSUED) {
            metrics.count(Outcome.ALREADY_ISSUED);
            return new IssueResult.AlreadyIssued(couponId);
        }
        if (outcome.code() == IssueOutcome.NOT_OPEN || campaign.hasEndedAt(now)) {
            metrics.count(Outcome.NOT_OPEN);
            throw CouponNotOpen.of(couponId);
        }
        if (outcome.code() == IssueOutcome.STATE_MISSING) {
            recovery.requestRebuild(campaign);
        }
        metrics.count(Outcome.UNAVAILABLE);
        throw new ServiceUnavailable("Coupon campaign " + couponId + " is being restored; retry shortly.");
    }

    private IssueResult persist(Campaign campaign, IssuedCouponWriter.Row row) {
        CompletableFuture<IssuedCouponWriter.Result> written = writer.submit(row);
        if (written == null) {
            state.release(row, false);
            metrics.count(Outcome.UNAVAILABLE);
            throw new ServiceUnavailable("Too many coupons waiting to be stored; retry shortly.");
        }
        return answer(campaign, row, await(written));
    }

    private IssueResult answer(Campaign campaign, IssuedCouponWriter.Row row, IssuedCouponWriter.Result result) {
        switch (result) {
            case WRITTEN -> {
                metrics.count(Outcome.ISSUED);
                return new IssueResult.Issued(new IssuedCoupon(
                        row.id(),
                        campaign.id(),
                        campaign.name(),
                        campaign.discountType(),
                        campaign.discountValue(),
                        row.expiresAt()));
            }
            case PRESENT, HELD_OTHER -> {
                metrics.count(Outcome.ALREADY_ISSUED);
                return new IssueResult.AlreadyIssued(campaign.id());
            }
            default -> {
                metrics.count(Outcome.UNAVAILABLE);
                throw new ServiceUnavailable("Coupon campaign " + campaign.id() + " is being restored; retry shortly.");
            }
        }
    }

    private IssuedCouponWriter.Result await(CompletableFuture<IssuedCouponWriter.Result> written) {
        try {
            return written.get(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            metrics.count(Outcome.UNAVAILABLE);
            throw new ServiceUnavailable("The coupon could not be stored in time; check your coupons before retrying.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("Interrupted while storing the coupon.");
        }
    }

    /** Rebuilds the campaign's Redis state from MySQL now (admin); false when another instance is already on it. */
    public boolean rebuild(long couponId) {
        return recovery.rebuild(catalog.get(couponId));
    }

    @Transactional(readOnly = true)
    public List<MemberCoupon> couponsOf(long memberId) {
        Instant now = Instant.now();
        return userCoupons.findByMemberIdNewestFirst(memberId).stream()
                .map(coupon -> {
                    Campaign campaign = catalog.get(coupon.couponId());
                    return new MemberCoupon(
                            coupon.id(),
                            campaign.id(),
                            campaign.name(),
                            campaign.discountType(),
                            campaign.discountValue(),
                            coupon.statusAt(now),
                            coupon.expiresAt());
                })
                .toList();
    }

    /** In the caller's transaction: the member's usable coupon becomes RESERVED for the order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public CouponDiscount reserveForOrder(long memberId, long userCouponId, long orderId) {
        UserCoupon coupon = userCoupons
                .lockById(userCouponId)
                .filter(c -> c.isUsableBy(memberId, Instant.now()))
                .orElseThrow(() -> CouponNotUsable.of(userCouponId));
        coupon.reserveFor(orderId);
        userCoupons.updateStatus(coupon);
        Campaign campaign = catalog.get(coupon.couponId());
        return new CouponDiscount(userCouponId, campaign.discountType(), campaign.discountValue());
    }

    /** Idempotent: a coupon reserved for this order becomes AVAILABLE again; anything else is left alone. */
    @Transactional
    public void releaseFromOrder(long userCouponId, long orderId) {
        userCoupons.lockById(userCouponId).filter(c -> c.isReservedFor(orderId)).ifPresent(coupon -> {
            coupon.release();
            userCoupons.updateStatus(coupon);
        });
    }

    /** Idempotent: a coupon reserved for this order becomes USED. */
    @Transactional
    public void markUsed(long userCouponId, long orderId) {
        userCoupons.lockById(userCouponId).filter(c -> c.isReservedFor(orderId)).ifPresent(coupon -> {
            coupon.markUsed();
            userCoupons.updateStatus(coupon);
        });
    }
}
