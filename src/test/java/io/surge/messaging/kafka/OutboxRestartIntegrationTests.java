package io.surge.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Api;
import io.surge.support.Shop;
import io.surge.support.TestApps;
import io.surge.support.TestPlatform;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox across a crash: an instance commits a payment request while Kafka is unreachable, so the publication
 * stays incomplete; the instance goes away; a fresh instance resubmits it on start-up and the saga completes.
 */
class OutboxRestartIntegrationTests {

    @Test
    void publicationIncompleteAtCrashIsDeliveredAfterRestart() {
        long orderId;
        String token;
        Shop shop;
        try (ConfigurableApplicationContext cut = TestApps.start(Map.of(
                "spring.kafka.bootstrap-servers", "127.0.0.1:1",
                "spring.kafka.producer.properties.max.block.ms", "500",
                "spring.kafka.admin.auto-create", "false",
                "spring.kafka.listener.auto-startup", "false",
                "spring.modulith.events.republish-outstanding-events-on-restart", "false"))) {
            JdbcClient jdbc = cut.getBean(JdbcClient.class);
            Api api = new Api(((WebServerApplicationContext) cut).getWebServer().getPort());
            shop = new Shop(api, jdbc);
            long option = shop.product(700, 5).getFirst();
            token = shop.member(1_000);
            orderId = shop.placeOrder(token, option, 1);

            assertThat(shop.pay(token, orderId).status()).isEqualTo(202);

            long pendingRequest = orderId;
            await().atMost(Duration.ofSeconds(20)).until(() -> incompletePaymentRequests(jdbc, pendingRequest) == 1);
            assertThat(shop.status(orderId)).isEqualTo("PAYMENT_PROCESSING");
        }

        try (ConfigurableApplicationContext restarted = TestApps.start(Map.of(
                "spring.modulith.events.republish-outstanding-events-on-restart", "true",
                "surge.kafka.republish-interval", "1h"))) {
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            Shop after = new Shop(
                    new Api(((WebServerApplicationContext) restarted)
                            .getWebServer()
                            .getPort()),
                    jdbc);
            long paidOrder = orderId;

            await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(after.status(paidOrder)));
            await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(after.dispatchStatus(paidOrder)));
            assertThat(after.balance(token)).isEqualTo(300);
            assertThat(after.ledgerRowsFor(orderId)).isEqualTo(1);
            assertThat(incompletePaymentRequests(jdbc, orderId)).isZero();
            assertThat(TestPlatform.keysFor(orderId)).containsExactly("surge-order-" + orderId);
        }
    }

    private static int incompletePaymentRequests(JdbcClient jdbc, long orderId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM EVENT_PUBLICATION
                        WHERE EVENT_TYPE LIKE '%PaymentRequested' AND COMPLETION_DATE IS NULL
                          AND SERIALIZED_EVENT LIKE ?""")
                .param("%\"orderId\":" + orderId + ",%")
                .query(Integer.class)
                .single();
    }
}
