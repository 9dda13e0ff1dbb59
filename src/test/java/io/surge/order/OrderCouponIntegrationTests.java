package io.surge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Shop;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Orders redeeming a coupon: reserved with the stock, used when paid, released exactly once when not. */
@IntegrationTest
class OrderCouponIntegrationTests {

    static final Duration SAGA = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Shop shop;
    String admin;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port), jdbc);
        admin = shop.admin();
    }

    @Test
    void couponDiscountsThePaidOrderAndIsUsed() {
        long option = shop.product(2_000, 5).getFirst();
        String token = shop.member(10_000);
        long coupon = shop.coupon(admin, token, 500);

        var placed = shop.order(token, option, 2, coupon);
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("totalAmount").asLong()).isEqualTo(4_000);
        assertThat(placed.json().get("discountAmount").asLong()).isEqualTo(500);
        assertThat(placed.json().get("finalAmount").asLong()).isEqualTo(3_500);
        long orderId = placed.json().get("orderId").asLong();
        assertThat(shop.couponStatus(coupon)).isEqualTo("RESERVED");

        shop.pay(token, orderId);

        await().atMost(SAGA).until(() -> "PAID".equals(shop.status(orderId)));
        assertThat(shop.couponStatus(coupon)).isEqualTo("USED");
        assertThat(shop.balance(token)).isEqualTo(6_500);
        var again = shop.order(token, option, 1, coupon);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("COUPON_NOT_USABLE");
    }

    @Test
    void failedPaymentReleasesStockAndCouponOnce() {
        long option = shop.product(2_000, 5).getFirst();
        String token = shop.member(100);
        long coupon = shop.coupon(admin, token, 500);
        long orderId =
                shop.order(token, option, 3, coupon).json().get("orderId").asLong();
        assertThat(shop.stock(option)).isEqualTo(2);

        shop.pay(token, orderId);

        await().atMost(SAGA).until(() -> "PAYMENT_FAILED".equals(shop.status(orderId)));
        assertThat(shop.couponStatus(coupon)).isEqualTo("AVAILABLE");
        assertThat(shop.stock(option)).isEqualTo(5);
        assertThat(shop.balance(token)).isEqualTo(100);

        var reuse = shop.order(token, option, 1, coupon);
        assertThat(reuse.status()).as("the released coupon is usable again").isEqualTo(201);
        assertThat(shop.couponStatus(coupon)).isEqualTo("RESERVED");
    }

    @Test
    void someoneElsesCouponIsRefusedAndNothingIsReserved() {
        long option = shop.product(2_000, 5).getFirst();
        String owner = shop.member(0);
        String other = shop.member(0);
        long coupon = shop.coupon(admin, owner, 500);

        var refused = shop.order(other, option, 1, coupon);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("COUPON_NOT_USABLE");
        assertThat(shop.stock(option)).isEqualTo(5);
        assertThat(shop.couponStatus(coupon)).isEqualTo("AVAILABLE");
        assertThat(shop.order(owner, option, 1, 999_999_999_999L).code()).isEqualTo("COUPON_NOT_USABLE");
    }
}
