package io.surge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.ShopTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * PAYMENT_PROCESSING is bounded: an order whose payment request or outcome went missing is settled by the payment
 * module's answer after the payment timeout, exactly one debit or none, and a failure compensates stock and coupon.
 */
class PaymentTimeoutIntegrationTests extends ShopTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OrderManagement orders;

    @Autowired
    KafkaOperations<String, byte[]> kafka;

    @Autowired
    JsonMapper json;

    /** Processing since an hour ago with no request ever published: it was dead-lettered, or lost with a broker. */
    private void stuckInProcessing(long orderId) {
        jdbc.sql("UPDATE orders SET status = 'PAYMENT_PROCESSING', updated_at = NOW(6) - INTERVAL 1 HOUR WHERE id = ?")
                .param(orderId)
                .update();
    }

    private long memberOf(long orderId) {
        return jdbc.sql("SELECT member_id FROM orders WHERE id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }

    @Test
    void aPaymentRequestThatNeverArrivedFailsTheOrderAndALateOneChargesNothing() {
        long option = shop.product(1_000, 5).getFirst();
        String token = shop.member(5_000);
        String admin = shop.admin();
        long userCouponId = shop.coupon(admin, token, 100);
        var placed = shop.order(token, option, 2, userCouponId);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        long orderId = placed.json().get("orderId").asLong();
        stuckInProcessing(orderId);

        assertThat(orders.askAboutStuckPayments()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> shop.status(orderId).equals("PAYMENT_FAILED"));
        assertThat(shop.get(token, orderId).json().get("failureReason").asString())
                .isEqualTo("PAYMENT_TIMEOUT");
        assertThat(shop.stock(option)).isEqualTo(5);
        assertThat(shop.couponStatus(userCouponId)).isEqualTo("AVAILABLE");

        // the original request turns up after all (replayed from a dead letter): the order is closed, no charge
        UUID late = UUID.randomUUID();
        kafka.send(new ProducerRecord<>(
                        PaymentRequested.TOPIC,
                        Long.toString(orderId),
                        json.writeValueAsBytes(Map.of(
                                "eventId", late, "orderId", orderId, "memberId", memberOf(orderId), "amount", 1_900))))
                .join();
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE event_id = ?")
                                .param(late.toString())
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(shop.balance(token)).isEqualTo(5_000);
        assertThat(shop.ledgerRowsFor(orderId)).isZero();
        assertThat(shop.status(orderId)).isEqualTo("PAYMENT_FAILED");
    }

    @Test
    void aDebitWhoseOutcomeWentMissingCompletesTheOrderWithOneDebit() {
        long option = shop.product(1_000, 5).getFirst();
        String token = shop.member(5_000);
        long orderId = shop.placeOrder(token, option, 1);
        long memberId = memberOf(orderId);
        // the wallet was debited and the payment recorded; the PaymentCompleted never reached the order module
        jdbc.sql("UPDATE wallet SET balance = balance - 1000 WHERE member_id = ?")
                .param(memberId)
                .update();
        jdbc.sql("INSERT INTO wallet_ledger (member_id, amount, kind, order_id, balance_after, created_at)"
                        + " VALUES (?, -1000, 'ORDER_PAYMENT', ?, 4000, NOW(6))")
                .params(memberId, orderId)
                .update();
        jdbc.sql("INSERT INTO payment (order_id, member_id, amount, status, created_at)"
                        + " VALUES (?, ?, 1000, 'COMPLETED', NOW(6))")
                .params(orderId, memberId)
                .update();
        stuckInProcessing(orderId);

        assertThat(orders.askAboutStuckPayments()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> shop.status(orderId).equals("PAID"));
        assertThat(shop.balance(token)).isEqualTo(4_000);
        assertThat(shop.ledgerRowsFor(orderId)).isEqualTo(1);
        assertThat(shop.stock(option)).isEqualTo(4);
    }
}
