package io.surge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Metrics;
import io.surge.support.ShopTest;
import io.surge.support.TestPlatform;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The external platform refuses one order: in-process retries, then Kafka redeliveries with backoff, then the
 * dead-letter topic; the client sees dispatch FAILED, an admin lists and replays the dead letter once the platform is
 * back, and the order ends SENT.
 */
class DispatchFailureIntegrationTests extends ShopTest {

    long failingOrder;

    @AfterEach
    void healPlatform() {
        if (failingOrder != 0) {
            TestPlatform.heal(failingOrder);
        }
    }

    @Test
    void platformDownRetriesThenDeadLettersThenReplaySends() {
        long option = shop.product(500, 5).getFirst();
        String token = shop.member(1_000);
        long orderId = shop.placeOrder(token, option, 1);
        failingOrder = orderId;
        TestPlatform.failFor(orderId);

        assertThat(shop.pay(token, orderId).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode order = shop.get(token, orderId).json();
            assertThat(order.get("status").asString()).isEqualTo("PAID");
            assertThat(order.get("dispatchStatus").asString()).isEqualTo("FAILED");
        });
        // one call per delivery (the Kafka error handler is the only retry layer) x (1 delivery + 2 redeliveries,
        // surge.kafka.retry-max-attempts in application-test.yml); before issue 16 a retry inside multiplied it (2 x 3)
        int callsBeforeReplay = TestPlatform.requestsFor(orderId);
        assertThat(callsBeforeReplay).isEqualTo(3);
        // every call went through the shared external-platform breaker, so its failures are in the shared meters
        assertThat(Metrics.scrape(managementPort))
                .containsPattern("resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"failed\""
                        + "[^}]*name=\"external-platform\"[^}]*} [1-9]");

        String admin = shop.admin();
        JsonNode letter =
                await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterFor(admin, orderId), node -> node != null);
        assertThat(letter.get("topic").asString()).isEqualTo("order.paid-dlt");
        assertThat(letter.get("originalTopic").asString()).isEqualTo("order.paid");
        assertThat(letter.get("exception").asString()).contains("DispatchFailed");
        assertThat(letter.get("replayCount").asInt()).isZero();

        TestPlatform.heal(orderId);
        var replay = api.post("/api/admin/dead-letters/" + letter.get("id").asLong() + "/replay", "", admin);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().get("replayCount").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(shop.get(token, orderId)
                                .json()
                                .get("dispatchStatus")
                                .asString())
                        .isEqualTo("SENT"));
        assertThat(TestPlatform.requestsFor(orderId)).isGreaterThan(callsBeforeReplay);
        assertThat(jdbc.sql("SELECT status FROM dispatch WHERE order_id = ?")
                        .param(orderId)
                        .query(String.class)
                        .single())
                .isEqualTo("SENT");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.kafka.core.KafkaOperations<String, byte[]> kafka;

    /**
     * Found by the MariaDB drill: the dispatch row said SENT, the order's dispatch status had not been written when
     * MariaDB went away, and a redelivery returned early, leaving the order PENDING for good. A redelivery now heals
     * it without sending again.
     */
    @Test
    void aRedeliveredPaidOrderWhoseSentWasNotRecordedIsHealedNotSentAgain() {
        long option = shop.product(500, 5).getFirst();
        String token = shop.member(1_000);
        long orderId = shop.placeOrder(token, option, 1);
        assertThat(shop.pay(token, orderId).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(shop.dispatchStatus(orderId)));
        int calls = TestPlatform.requestsFor(orderId);

        jdbc.sql("UPDATE orders SET dispatch_status = 'PENDING' WHERE id = ?")
                .param(orderId)
                .update();
        String paid = jdbc.sql("SELECT SERIALIZED_EVENT FROM EVENT_PUBLICATION WHERE EVENT_TYPE LIKE '%OrderPaid'"
                        + " AND SERIALIZED_EVENT LIKE ? LIMIT 1")
                .param("%\"orderId\":" + orderId + ",%")
                .query(String.class)
                .single();
        kafka.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        "order.paid", Long.toString(orderId), paid.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .join();

        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(shop.dispatchStatus(orderId)));
        assertThat(TestPlatform.requestsFor(orderId)).isEqualTo(calls);
    }

    @Test
    void deadLettersAreForAdminsOnly() {
        String user = shop.member(0);
        String admin = shop.admin();

        assertThat(api.get("/api/admin/dead-letters", null).status()).isEqualTo(401);
        assertThat(api.get("/api/admin/dead-letters", user).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/dead-letters/1/replay", "", user).status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/dead-letters", admin).status()).isEqualTo(200);
        var missing = api.post("/api/admin/dead-letters/999999999/replay", "", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("DEAD_LETTER_NOT_FOUND");
        assertThat(api.get("/api/admin/dead-letters?size=0", admin).status()).isEqualTo(400);
    }

    private JsonNode deadLetterFor(String admin, long orderId) {
        JsonNode page = api.get("/api/admin/dead-letters?size=100", admin).json();
        for (JsonNode letter : page.get("content")) {
            if (Long.toString(orderId).equals(letter.path("key").asString())
                    && "order.paid-dlt".equals(letter.get("topic").asString())) {
                return letter;
            }
        }
        return null;
    }
}
