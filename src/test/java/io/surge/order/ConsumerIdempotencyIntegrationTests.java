package io.surge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Shop;
import io.surge.support.TestPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every consumer is handed the very same record twice (as a redelivery after a crash or rebalance would) and must
 * apply it once. A marker record sent after the duplicates shows both copies were consumed before the checks run.
 */
@IntegrationTest
class ConsumerIdempotencyIntegrationTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaOperations<String, byte[]> kafka;

    @Autowired
    JsonMapper json;

    Shop shop;

    @BeforeEach
    void setUp() {
        shop = new Shop(new Api(port), jdbc);
    }

    @Test
    void paymentRequestDeliveredTwiceChargesOnce() {
        long option = shop.product(1_000, 5).getFirst();
        String token = shop.member(5_000);
        long orderId = shop.placeOrder(token, option, 1);
        long memberId = memberOf(orderId);
        startPaymentWithoutEvent(orderId);
        UUID eventId = UUID.randomUUID();

        sendTwice(
                PaymentRequested.TOPIC,
                orderId,
                Map.of("eventId", eventId, "orderId", orderId, "memberId", memberId, "amount", 1_000));

        await().atMost(WAIT).until(() -> shop.status(orderId).equals("PAID"));
        await().atMost(WAIT).until(() -> processedCount("payment.payment-requested", eventId) == 1);
        assertThat(shop.balance(token)).isEqualTo(4_000);
        assertThat(shop.ledgerRowsFor(orderId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payment WHERE order_id = ?")
                        .param(orderId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void paymentCompletedDeliveredTwiceMarksPaidAndCountsSalesOnce() {
        long option = shop.product(1_000, 5).getFirst();
        String token = shop.member(0);
        long orderId = shop.placeOrder(token, option, 2);
        long memberId = memberOf(orderId);
        startPaymentWithoutEvent(orderId);
        long productId = shop.productOf(option);
        UUID eventId = UUID.randomUUID();

        sendTwice(
                "payment.completed",
                orderId,
                Map.of("eventId", eventId, "orderId", orderId, "memberId", memberId, "amount", 2_000));

        await().atMost(WAIT).until(() -> processedCount("order.payment-completed", eventId) == 1);
        await().atMost(WAIT).until(() -> "SENT".equals(shop.dispatchStatus(orderId)));
        assertThat(shop.status(orderId)).isEqualTo("PAID");
        assertThat(jdbc.sql("SELECT COALESCE(SUM(quantity), 0) FROM product_sales WHERE product_id = ?")
                        .param(productId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(TestPlatform.keysFor(orderId)).containsExactly("surge-order-" + orderId);
    }

    @Test
    void paymentFailedDeliveredTwiceReleasesStockOnce() {
        long option = shop.product(1_000, 5).getFirst();
        String token = shop.member(0);
        long orderId = shop.placeOrder(token, option, 3);
        long memberId = memberOf(orderId);
        startPaymentWithoutEvent(orderId);
        assertThat(shop.stock(option)).isEqualTo(2);
        UUID eventId = UUID.randomUUID();

        sendTwice(
                "payment.failed",
                orderId,
                Map.of("eventId", eventId, "orderId", orderId, "memberId", memberId, "reason", "INSUFFICIENT_BALANCE"));

        await().atMost(WAIT).until(() -> processedCount("order.payment-failed", eventId) == 1);
        assertThat(shop.status(orderId)).isEqualTo("PAYMENT_FAILED");
        assertThat(shop.stock(option)).isEqualTo(5);

        UUID another = UUID.randomUUID();
        sendTwice(
                "payment.failed",
                orderId,
                Map.of("eventId", another, "orderId", orderId, "memberId", memberId, "reason", "INSUFFICIENT_BALANCE"));
        await().atMost(WAIT).until(() -> processedCount("order.payment-failed", another) == 1);
        assertThat(shop.stock(option))
                .as("a second failure event for the same order releases nothing")
                .isEqualTo(5);
    }

    @Test
    void orderPaidDeliveredTwiceIsSentOnce() throws Exception {
        long option = shop.product(1_000, 5).getFirst();
        String token = shop.member(0);
        long orderId = shop.placeOrder(token, option, 1);
        long memberId = memberOf(orderId);
        jdbc.sql("UPDATE orders SET status = 'PAID', dispatch_status = 'PENDING' WHERE id = ?")
                .param(orderId)
                .update();
        UUID eventId = UUID.randomUUID();

        sendTwice(
                OrderPaid.TOPIC,
                orderId,
                Map.of(
                        "eventId",
                        eventId,
                        "orderId",
                        orderId,
                        "memberId",
                        memberId,
                        "finalAmount",
                        1_000,
                        "items",
                        List.of()));

        await().atMost(WAIT).until(() -> processedCount("dispatch.order-paid", eventId) == 1);
        assertThat(shop.dispatchStatus(orderId)).isEqualTo("SENT");
        assertThat(TestPlatform.keysFor(orderId)).containsExactly("surge-order-" + orderId);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM processed_event WHERE listener_id = 'dispatch.order-paid' AND event_id = ?")
                        .param(eventId.toString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void undecodableRecordGoesStraightToTheDeadLetterStore() {
        String key = "poison-" + UUID.randomUUID();
        kafka.send(new ProducerRecord<>(PaymentRequested.TOPIC, key, "{not json".getBytes()))
                .join();

        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE record_key = ?")
                                .param(key)
                                .query(Integer.class)
                                .single()
                        == 1);
        String topic = jdbc.sql("SELECT topic FROM dead_letter WHERE record_key = ?")
                .param(key)
                .query(String.class)
                .single();
        assertThat(topic).isEqualTo(PaymentRequested.TOPIC + "-dlt");
    }

    /**
     * Sends the record twice, then an undecodable marker with the same key (same partition, so consumed after both
     * copies); returns once the marker reached the dead-letter store, i.e. both copies have been consumed.
     */
    private void sendTwice(String topic, long orderId, Map<String, Object> event) {
        byte[] payload = json.writeValueAsBytes(event);
        String key = Long.toString(orderId);
        int markersBefore = jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE topic = ? AND record_key = ?")
                .params(topic + "-dlt", key)
                .query(Integer.class)
                .single();
        for (int i = 0; i < 2; i++) {
            kafka.send(new ProducerRecord<>(topic, key, payload)).join();
        }
        kafka.send(new ProducerRecord<>(topic, key, "marker".getBytes())).join();
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE topic = ? AND record_key = ?")
                                .params(topic + "-dlt", key)
                                .query(Integer.class)
                                .single()
                        >= markersBefore + 1);
    }

    private void startPaymentWithoutEvent(long orderId) {
        jdbc.sql("UPDATE orders SET status = 'PAYMENT_PROCESSING' WHERE id = ?")
                .param(orderId)
                .update();
    }

    private long memberOf(long orderId) {
        return jdbc.sql("SELECT member_id FROM orders WHERE id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }

    private int processedCount(String listenerId, UUID eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM processed_event WHERE listener_id = ? AND event_id = ?")
                .params(listenerId, eventId.toString())
                .query(Integer.class)
                .single();
    }
}
