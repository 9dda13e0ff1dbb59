package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscountTypeTests {

    @Test
    void percentRoundsDownAndAmountNeverExceedsThePrice() {
        assertThat(new CouponDiscount(1, DiscountType.PERCENT, 15).discountFor(999))
                .isEqualTo(149);
        assertThat(new CouponDiscount(1, DiscountType.AMOUNT, 5_000).discountFor(3_000))
                .isEqualTo(3_000);
        assertThat(new CouponDiscount(1, DiscountType.AMOUNT, 500).discountFor(3_000))
                .isEqualTo(500);
    }

    @Test
    void userCouponIdsOfDifferentCampaignsNeverCollide() {
        Campaign small = new Campaign(7, "a", DiscountType.AMOUNT, 1, 999_999_999, null, null, 1);
        Campaign next = new Campaign(8, "b", DiscountType.AMOUNT, 1, 1, null, null, 1);

        assertThat(small.userCouponId(999_999_999)).isLessThan(next.userCouponId(1));
    }
}
