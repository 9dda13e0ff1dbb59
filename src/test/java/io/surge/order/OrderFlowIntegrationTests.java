package io.surge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.ShopTest;
import io.surge.support.TestPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saga end to end over the in-JVM Kafka broker: order -> payment -> order -> dispatch. */
class OrderFlowIntegrationTests extends ShopTest {

    static final Duration SAGA = Duration.ofSeconds(30);

    @Test
    void paidOrderIsChargedOnceAndSentToThePlatform() {
        long option = shop.product(1_500, 10).getFirst();
        String token = shop.member(10_000);

        var placed = shop.order(token, option, 2);
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(placed.json().get("totalAmount").asLong()).isEqualTo(3_000);
        assertThat(placed.json().get("discountAmount").asLong()).isZero();
        assertThat(placed.json().get("finalAmount").asLong()).isEqualTo(3_000);
        assertThat(placed.json().get("expiresAt").asString()).isNotBlank();
        long orderId = placed.json().get("orderId").asLong();
        assertThat(shop.stock(option)).isEqualTo(8);

        var payment = shop.pay(token, orderId);
        assertThat(payment.status()).isEqualTo(202);
        assertThat(payment.json().get("status").asString()).isEqualTo("PAYMENT_PROCESSING");

        await().atMost(SAGA).untilAsserted(() -> {
            var order = shop.get(token, orderId);
            assertThat(order.json().get("status").asString()).isEqualTo("PAID");
            assertThat(order.json().get("dispatchStatus").asString()).isEqualTo("SENT");
        });
        var order = shop.get(token, orderId).json();
        assertThat(order.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("failureReason")).isNull();
        assertThat(shop.balance(token)).isEqualTo(7_000);
        assertThat(shop.ledgerRowsFor(orderId)).isEqualTo(1);
        assertThat(shop.stock(option)).isEqualTo(8);
        assertThat(TestPlatform.keysFor(orderId)).containsExactly("surge-order-" + orderId);

        var again = shop.pay(token, orderId);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("status").asString()).isEqualTo("PAID");
        assertThat(shop.ledgerRowsFor(orderId)).isEqualTo(1);

        var mine = api.get("/api/members/me/orders", token).json();
        assertThat(mine.get("totalElements").asLong()).isEqualTo(1);
        assertThat(mine.get("content").get(0).get("orderId").asLong()).isEqualTo(orderId);
        var top = api.get("/api/products/top?days=1&limit=50", null);
        assertThat(top.status()).isEqualTo(200);
    }

    /** 20 lines with the longest names the catalog allows: the OrderPaid is far above the outbox's old 4,000 chars. */
    @Test
    void aTwentyLineOrderWithLongNamesIsPaidAndSent() {
        String productName =
                "P".repeat(190) + java.util.UUID.randomUUID().toString().substring(0, 8);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO product (name, description, category, price, created_at)"
                        + " VALUES (?, 'big', 'test', 100, NOW(6))")
                .param(productName)
                .update(keys, "id");
        long productId = keys.getKey().longValue();
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var optionKey = new org.springframework.jdbc.support.GeneratedKeyHolder();
            jdbc.sql("INSERT INTO product_option (product_id, name, price, stock) VALUES (?, ?, 100, 10)")
                    .params(productId, ("option " + i + " ").repeat(20).substring(0, 100))
                    .update(optionKey, "id");
            lines.add(Map.of("optionId", optionKey.getKey().longValue(), "quantity", 1));
        }
        String token = shop.member(10_000);
        var placed = api.post("/api/orders", Map.of("items", lines), token);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        long orderId = placed.json().get("orderId").asLong();
        assertThat(shop.pay(token, orderId).status()).isEqualTo(202);

        await().atMost(SAGA).untilAsserted(() -> {
            var order = shop.get(token, orderId);
            assertThat(order.json().get("status").asString()).isEqualTo("PAID");
            assertThat(order.json().get("dispatchStatus").asString()).isEqualTo("SENT");
        });
        assertThat(shop.balance(token)).isEqualTo(8_000);
        assertThat(shop.ledgerRowsFor(orderId)).isEqualTo(1);
        int longest = jdbc.sql("SELECT MAX(LENGTH(SERIALIZED_EVENT)) FROM EVENT_PUBLICATION"
                        + " WHERE SERIALIZED_EVENT LIKE ?")
                .param("%\"orderId\":" + orderId + ",%")
                .query(Integer.class)
                .single();
        assertThat(longest).isGreaterThan(4_000);
    }

    @Test
    void insufficientBalanceFailsThePaymentAndReleasesStockOnce() {
        long option = shop.product(5_000, 3).getFirst();
        String token = shop.member(1_000);
        long orderId = shop.placeOrder(token, option, 2);
        assertThat(shop.stock(option)).isEqualTo(1);

        assertThat(shop.pay(token, orderId).status()).isEqualTo(202);

        await().atMost(SAGA).untilAsserted(() -> {
            var order = shop.get(token, orderId).json();
            assertThat(order.get("status").asString()).isEqualTo("PAYMENT_FAILED");
            assertThat(order.get("failureReason").asString()).isEqualTo("INSUFFICIENT_BALANCE");
            assertThat(order.get("dispatchStatus").asString()).isEqualTo("NOT_READY");
        });
        assertThat(shop.stock(option)).isEqualTo(3);
        assertThat(shop.balance(token)).isEqualTo(1_000);
        assertThat(shop.ledgerRowsFor(orderId)).isZero();
        assertThat(TestPlatform.requestsFor(orderId)).isZero();

        var retry = shop.pay(token, orderId);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.code()).isEqualTo("ORDER_NOT_PAYABLE");
        assertThat(shop.stock(option)).isEqualTo(3);
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameOrderAndReservesOnce() {
        long option = shop.product(100, 10).getFirst();
        String token = shop.member(0);
        String body = "{\"items\":[{\"optionId\":" + option + ",\"quantity\":3}]}";

        var first = api.send(api.request("/api/orders", token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "checkout-42")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
        var second = api.send(api.request("/api/orders", token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "checkout-42")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("orderId").asLong())
                .isEqualTo(first.json().get("orderId").asLong());
        assertThat(shop.stock(option)).isEqualTo(7);
    }

    @Test
    void ordersAreVisibleToTheirOwnerOnly() {
        long option = shop.product(100, 10).getFirst();
        String owner = shop.member(1_000);
        String stranger = shop.member(1_000);
        long orderId = shop.placeOrder(owner, option, 1);

        assertThat(shop.get(owner, orderId).status()).isEqualTo(200);
        var peek = shop.get(stranger, orderId);
        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.code()).isEqualTo("ORDER_NOT_FOUND");
        var foreignPayment = shop.pay(stranger, orderId);
        assertThat(foreignPayment.status()).isEqualTo(404);
        assertThat(shop.status(orderId)).isEqualTo("PENDING");
        assertThat(shop.get(null, orderId).status()).isEqualTo(401);
    }

    @Test
    void badOrdersAreProblemsAndReserveNothing() {
        List<Long> options = shop.product(100, 5, 1);
        String token = shop.member(0);

        var outOfStock = api.post(
                "/api/orders",
                Map.of(
                        "items",
                        List.of(
                                Map.of("optionId", options.get(0), "quantity", 2),
                                Map.of("optionId", options.get(1), "quantity", 2))),
                token);
        assertThat(outOfStock.status()).isEqualTo(409);
        assertThat(outOfStock.code()).isEqualTo("OUT_OF_STOCK");
        assertThat(shop.stock(options.get(0))).isEqualTo(5);
        assertThat(shop.stock(options.get(1))).isEqualTo(1);

        var unknown = shop.order(token, 999_999_999L, 1);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PRODUCT_NOT_FOUND");

        for (String body : List.of(
                "{\"items\":[]}",
                "{}",
                "{\"items\":[{\"optionId\":" + options.get(0) + ",\"quantity\":0}]}",
                "{\"items\":[{\"optionId\":" + options.get(0) + ",\"quantity\":101}]}",
                "{\"items\":[{\"optionId\":-1,\"quantity\":1}]}",
                "{\"items\":[{\"quantity\":1}]}",
                "{\"items\":[null]}",
                "{\"items\":[{\"optionId\":" + options.get(0) + ",\"quantity\":1}],\"userCouponId\":0}")) {
            var response = api.post("/api/orders", body, token);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        var malformed = api.post("/api/orders", "{\"items\":\"x\"}", token);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_REQUEST");
        var badKey = api.send(api.request("/api/orders", token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "has spaces and ünïcode")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"items\":[{\"optionId\":" + options.get(0) + ",\"quantity\":1}]}"))
                .build());
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(shop.stock(options.get(0))).isEqualTo(5);
        assertThat(api.get("/api/orders/abc", token).status()).isEqualTo(400);
        assertThat(shop.pay(token, 999_999_999L).status()).isEqualTo(404);
    }
}
