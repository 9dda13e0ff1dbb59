package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The contract orders rely on: reserve inside their transaction, then release or mark used, each exactly once. */
@IntegrationTest
class CouponRedemptionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    CouponManagement coupons;

    @Autowired
    TransactionTemplate transactions;

    Api api;
    Tokens tokens;
    long member;
    long userCouponId;

    @BeforeEach
    void issueOne() {
        api = new Api(port);
        tokens = new Tokens(encoder);
        member = 11_000_000 + System.nanoTime() % 1_000_000;
        long couponId = Campaigns.open(api, tokens.admin(1), 5);
        userCouponId = api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(member))
                .json()
                .get("userCouponId")
                .asLong();
    }

    @Test
    void reserveThenReleaseThenReserveAgainThenUse() {
        CouponDiscount discount = transactions.execute(s -> coupons.reserveForOrder(member, userCouponId, 501L));
        assertThat(discount.discountType()).isEqualTo(DiscountType.PERCENT);
        assertThat(discount.discountFor(12_345)).isEqualTo(1_234);
        assertThat(status()).isEqualTo("RESERVED");

        assertThatThrownBy(() -> transactions.execute(s -> coupons.reserveForOrder(member, userCouponId, 502L)))
                .isInstanceOf(CouponNotUsable.class);

        coupons.releaseFromOrder(userCouponId, 999L);
        assertThat(status()).isEqualTo("RESERVED");
        coupons.releaseFromOrder(userCouponId, 501L);
        coupons.releaseFromOrder(userCouponId, 501L);
        assertThat(status()).isEqualTo("AVAILABLE");

        transactions.execute(s -> coupons.reserveForOrder(member, userCouponId, 503L));
        coupons.markUsed(userCouponId, 503L);
        coupons.markUsed(userCouponId, 503L);
        coupons.releaseFromOrder(userCouponId, 503L);
        assertThat(status()).isEqualTo("USED");
    }

    @Test
    void anotherMembersCouponIsNotUsableAndReservingNeedsATransaction() {
        assertThatThrownBy(() -> transactions.execute(s -> coupons.reserveForOrder(member + 1, userCouponId, 1L)))
                .isInstanceOf(CouponNotUsable.class);
        assertThatThrownBy(() -> coupons.reserveForOrder(member, userCouponId, 1L))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(status()).isEqualTo("AVAILABLE");
    }

    private String status() {
        return api.get("/api/members/me/coupons", tokens.member(member))
                .json()
                .get(0)
                .get("status")
                .asString();
    }
}
