package io.surge.coupon;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An issued coupon. Inserted in batches by {@link IssuedCouponWriter}; read and updated through JPA. */
@Entity
@Table(name = "user_coupon")
class UserCoupon {

    @Id
    private Long id;

    @Column(name = "coupon_id", nullable = false)
    private long couponId;

    @Column(name = "member_id", nullable = false)
    private long memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private UserCouponStatus status;

    @Column(name = "order_id")
    private Long orderId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected UserCoupon() {}

    long id() {
        return id;
    }

    long couponId() {
        return couponId;
    }

    long memberId() {
        return memberId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    UserCouponStatus statusAt(Instant now) {
        return status == UserCouponStatus.AVAILABLE && !expiresAt.isAfter(now) ? UserCouponStatus.EXPIRED : status;
    }

    boolean isUsableBy(long member, Instant now) {
        return memberId == member && statusAt(now) == UserCouponStatus.AVAILABLE;
    }

    void reserveFor(long order) {
        this.status = UserCouponStatus.RESERVED;
        this.orderId = order;
    }

    boolean isReservedFor(long order) {
        return status == UserCouponStatus.RESERVED && orderId != null && orderId == order;
    }

    void release() {
        this.status = UserCouponStatus.AVAILABLE;
        this.orderId = null;
    }

    void markUsed() {
        this.status = UserCouponStatus.USED;
    }
}
