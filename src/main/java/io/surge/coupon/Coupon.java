package io.surge.coupon;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A campaign definition; immutable once created, so every instance may cache it forever. */
@Entity
@Table(name = "coupon")
class Coupon {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "discount_type", nullable = false, length = 10)
    private DiscountType discountType;

    @Column(name = "discount_value", nullable = false)
    private long discountValue;

    @Column(name = "total_quantity", nullable = false)
    private int totalQuantity;

    @Column(name = "issue_starts_at", nullable = false)
    private Instant issueStartsAt;

    @Column(name = "issue_ends_at", nullable = false)
    private Instant issueEndsAt;

    @Column(name = "valid_days", nullable = false)
    private int validDays;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Coupon() {}

    Coupon(NewCoupon spec) {
        this.name = spec.name();
        this.discountType = spec.discountType();
        this.discountValue = spec.discountValue();
        this.totalQuantity = spec.totalQuantity();
        this.issueStartsAt = spec.issueStartsAt();
        this.issueEndsAt = spec.issueEndsAt();
        this.validDays = spec.validDays();
        this.createdAt = Instant.now();
    }

    Campaign toCampaign() {
        return new Campaign(
                id, name, discountType, discountValue, totalQuantity, issueStartsAt, issueEndsAt, validDays);
    }
}
