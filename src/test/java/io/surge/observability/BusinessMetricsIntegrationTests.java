package io.surge.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Metrics;
import io.surge.support.ShopTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The business meters the alerts and dashboards read (docs/observability.md) reach the Prometheus output on the
 * management port, with their low-cardinality tags, and move when the business fact happens.
 */
class BusinessMetricsIntegrationTests extends ShopTest {

    @Test
    void orderPaymentAndDispatchOutcomesAreCounted() {
        double placedBefore = value("surge_orders_transitions_total", "status=\"PENDING\"");
        double paidBefore = value("surge_orders_transitions_total", "status=\"PAID\"");
        double failedBefore = value("surge_orders_transitions_total", "status=\"PAYMENT_FAILED\"");
        double completedBefore = value("surge_payment_outcomes_total", "outcome=\"completed\"");
        double brokeBefore = value("surge_payment_outcomes_total", "reason=\"INSUFFICIENT_BALANCE\"");
        double sentBefore = value("surge_dispatch_outcomes_total", "outcome=\"sent\"");

        long option = shop.product(1_000, 10).getFirst();
        String rich = shop.member(10_000);
        String broke = shop.member(0);
        long paid = shop.placeOrder(rich, option, 1);
        long unpaid = shop.placeOrder(broke, option, 1);
        assertThat(shop.pay(rich, paid).status()).isEqualTo(202);
        assertThat(shop.pay(broke, unpaid).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shop.dispatchStatus(paid)).isEqualTo("SENT");
            assertThat(shop.status(unpaid)).isEqualTo("PAYMENT_FAILED");
            assertThat(value("surge_dispatch_outcomes_total", "outcome=\"sent\""))
                    .isGreaterThanOrEqualTo(sentBefore + 1);
        });
        assertThat(value("surge_orders_transitions_total", "status=\"PENDING\""))
                .isGreaterThanOrEqualTo(placedBefore + 2);
        assertThat(value("surge_orders_transitions_total", "status=\"PAID\"")).isGreaterThanOrEqualTo(paidBefore + 1);
        assertThat(value("surge_orders_transitions_total", "status=\"PAYMENT_FAILED\""))
                .isGreaterThanOrEqualTo(failedBefore + 1);
        assertThat(value("surge_payment_outcomes_total", "outcome=\"completed\""))
                .isGreaterThanOrEqualTo(completedBefore + 1);
        assertThat(value("surge_payment_outcomes_total", "reason=\"INSUFFICIENT_BALANCE\""))
                .isGreaterThanOrEqualTo(brokeBefore + 1);
    }

    @Test
    void gaugesForQueuesMemoryDeadLettersAndHashingAreExported() {
        String metrics = Metrics.scrape(managementPort);

        assertThat(metrics)
                .containsPattern("(?m)^surge_coupon_writer_queued\\{[^}]*} \\d")
                .containsPattern("(?m)^surge_coupon_writer_capacity\\{[^}]*} 20000")
                .containsPattern("(?m)^surge_kafka_dead_letters_unreplayed\\{[^}]*} \\d")
                .containsPattern("(?m)^surge_member_password_hashes_active\\{[^}]*} \\d")
                .containsPattern("(?m)^surge_process_memory_rss_bytes\\{[^}]*} [1-9]")
                .containsPattern("(?m)^surge_process_memory_limit_bytes\\{[^}]*} 5\\.36870912E8")
                // the meters the alert rules read that other modules already export
                .containsPattern("(?m)^hikaricp_connections_pending\\{[^}]*pool=\"surge-db\"")
                .containsPattern("(?m)^resilience4j_circuitbreaker_state\\{[^}]*name=\"mysql\"")
                .containsPattern("(?m)^surge_kafka_listener_paused_seconds\\{[^}]*listener=")
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{[^}]*le=\"0\\.05\"");
        double rss = value("surge_process_memory_rss_bytes", "");
        assertThat(rss).isBetween(32.0 * (1 << 20), 4096.0 * (1 << 20));
    }

    /** The sum of every sample of a metric whose labels contain {@code labelFilter} (0 when there is none). */
    private double value(String metric, String labelFilter) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$")
                .matcher(Metrics.scrape(managementPort));
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains(labelFilter)) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }
}
