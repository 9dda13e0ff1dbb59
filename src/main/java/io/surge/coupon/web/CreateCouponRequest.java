package io.surge.coupon.web;

import io.surge.coupon.DiscountType;
import io.surge.coupon.NewCoupon;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;

record CreateCouponRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull DiscountType discountType,
        @NotNull @Positive Long discountValue,
        @NotNull @Min(1) @Max(999_999_999) Integer totalQuantity,
        @NotNull Instant issueStartsAt,
        @NotNull Instant issueEndsAt,
        @NotNull @Min(1) @Max(3650) Integer validDays) {

    @AssertTrue(message = "issueEndsAt must be after issueStartsAt and in the future")
    boolean isIssueWindowValid() {
        return issueStartsAt == null
                || issueEndsAt == null
                || (issueEndsAt.isAfter(issueStartsAt) && issueEndsAt.isAfter(Instant.now()));
    }

    @AssertTrue(message = "a PERCENT discount must be between 1 and 100")
    boolean isPercentInRange() {
        return discountType != DiscountType.PERCENT || discountValue == null || discountValue <= 100;
    }

    NewCoupon toSpec() {
        return new NewCoupon(
                name.strip(), discountType, discountValue, totalQuantity, issueStartsAt, issueEndsAt, validDays);
    }
}
