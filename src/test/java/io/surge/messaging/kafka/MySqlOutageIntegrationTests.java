package io.surge.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.order.PaymentRequested;
import io.surge.support.Api;
import io.surge.support.Instances;
import io.surge.support.Shop;
import io.surge.support.TcpProxy;
import io.surge.support.TestApps;
import io.surge.support.TestKafka;
import io.surge.support.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real MySQL outage: the application reaches MariaDB only through a {@link TcpProxy}, and the test cuts it. The
 * listeners must pause by themselves, HTTP must answer 503 + Retry-After quickly, events must wait in Kafka (none
 * dead-lettered), and after the proxy is restored everything resumes by itself and each event is applied once.
 *
 * <p>The application gets a Kafka broker and Redis prefix of its own: listeners of the cached test contexts share
 * its listener ids (so its consumer groups) and reach MySQL directly; they would process what this test holds back.
 */
class MySqlOutageIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(MySqlOutageIntegrationTests.class);
    private static final String PAYMENT = "payment.payment-requested";
    private static final String AUTO_REASON = "auto: MySQL unhealthy";
    private static final long PRICE = 100;
    private static final long FUNDS = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> UNKNOWN_LOGIN =
            Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "password123");

    static TcpProxy proxy;
    static EmbeddedKafkaKraftBroker kafka;
    static ConfigurableApplicationContext app;
    static JdbcClient db;
    static Api api;
    static Shop shop;

    @BeforeAll
    static void start() {
        Assumptions.assumeFalse(
                TestServices.useContainers(), "the proxy fronts the local MariaDB (this CI has no Docker)");
        proxy = TcpProxy.to(TestServices.mysqlAddress());
        kafka = TestKafka.isolated();
        app = TestApps.start(Map.ofEntries(
                Map.entry("spring.datasource.url", TestServices.localDatabaseUrlThrough(proxy.port())),
                Map.entry("spring.kafka.bootstrap-servers", kafka.getBrokersAsString()),
                Map.entry("surge.redis.key-prefix", TestServices.redisKeyPrefix() + Instances.newCluster() + ":"),
                // production's connection timeout (the test profile raises it for racing tests)
                Map.entry("spring.datasource.hikari.connection-timeout", 1500),
                Map.entry("surge.consumers.auto-pause", true),
                Map.entry("surge.consumers.unhealthy-after", "2s"),
                Map.entry("surge.consumers.healthy-after", "2s")));
        db = TestServices.directJdbc();
        api = new Api(Instances.port(app));
        shop = new Shop(api, db);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void mySqlOutagePausesListenersFailsRequestsFastAndLosesNothing() throws Exception {
        String admin = shop.admin();
        long option = shop.product(PRICE, 1_000).getFirst();
        String buyer = shop.member(FUNDS);
        long baseline = shop.placeOrder(buyer, option, 1);
        assertThat(shop.pay(buyer, baseline).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.status(baseline)));
        List<Payment> inFlight = awaitingPayment(3, option);
        List<Payment> duringPause = awaitingPayment(3, option);

        long cutAt = System.nanoTime();
        proxy.cut();
        // already in Kafka when MySQL goes: the listener takes them before the watch notices
        inFlight.forEach(MySqlOutageIntegrationTests::publish);
        assertUnavailable(timed("POST /api/orders", () -> shop.order(buyer, option, 1)));
        assertUnavailable(timed("POST /api/auth/login", () -> api.post("/api/auth/login", UNKNOWN_LOGIN, null)));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> everyListener(admin, MySqlOutageIntegrationTests::autoPaused));
        log.info("Measured: every listener auto-paused {} ms after the cut", millisSince(cutAt));
        assertThat(instance(admin).get("autoPaused").asBoolean()).isTrue();
        assertUnavailable(timed("GET /api/members/me/wallet", () -> api.get("/api/members/me/wallet", buyer)));

        duringPause.forEach(MySqlOutageIntegrationTests::publish);
        List<Payment> held = new ArrayList<>(inFlight);
        held.addAll(duringPause);
        await().atMost(Duration.ofSeconds(20)).until(() -> totalLag(admin) >= held.size());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> held.stream().allMatch(p -> shop.ledgerRowsFor(p.orderId()) == 0));
        assertThat(held).allSatisfy(p -> assertThat(shop.status(p.orderId())).isEqualTo("PAYMENT_PROCESSING"));
        assertThat(deadLetteredRecords())
                .as("dead-lettered while MySQL was down")
                .isZero();

        long restoredAt = System.nanoTime();
        proxy.restore();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> everyListener(admin, l -> !l.get("pauseRequested").asBoolean()));
        log.info("Measured: every listener resumed {} ms after the restore", millisSince(restoredAt));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> held.stream().allMatch(p -> "PAID".equals(shop.status(p.orderId()))));
        await().atMost(Duration.ofSeconds(20)).until(() -> totalLag(admin) == 0);
        assertThat(held).allSatisfy(p -> {
            assertThat(shop.ledgerRowsFor(p.orderId())).isEqualTo(1);
            assertThat(timesProcessed(p.eventId())).isEqualTo(1);
            assertThat(shop.balance(p.token())).isEqualTo(FUNDS - PRICE);
        });
        assertThat(shop.ledgerRowsFor(baseline)).isEqualTo(1);
        assertThat(deadLetteredRecords()).as("dead-lettered by the outage").isZero();
    }

    /** A member with an order in PAYMENT_PROCESSING whose payment request is not in Kafka yet. */
    record Payment(String token, long orderId, long memberId, UUID eventId) {}

    private static List<Payment> awaitingPayment(int count, long option) {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = shop.member(FUNDS);
            long orderId = shop.placeOrder(token, option, 1);
            // what requestPayment commits; the event itself is published by the test, when the test wants it
            db.sql("UPDATE orders SET status = 'PAYMENT_PROCESSING' WHERE id = ?")
                    .param(orderId)
                    .update();
            long memberId = db.sql("SELECT member_id FROM orders WHERE id = ?")
                    .param(orderId)
                    .query(Long.class)
                    .single();
            payments.add(new Payment(token, orderId, memberId, UUID.randomUUID()));
        }
        return payments;
    }

    @SuppressWarnings("unchecked")
    private static void publish(Payment payment) {
        byte[] event = JSON.writeValueAsBytes(Map.of(
                "eventId", payment.eventId(),
                "orderId", payment.orderId(),
                "memberId", payment.memberId(),
                "amount", PRICE));
        KafkaOperations<String, byte[]> producer = app.getBean(KafkaOperations.class);
        producer.send(new ProducerRecord<>(PaymentRequested.TOPIC, Long.toString(payment.orderId()), event))
                .join();
    }

    private static Api.Response timed(String what, Supplier<Api.Response> request) {
        long start = System.nanoTime();
        Api.Response response = request.get();
        long elapsed = millisSince(start);
        log.info("Measured: {} answered {} in {} ms during the outage", what, response.status(), elapsed);
        assertThat(elapsed).as(what + " fails fast, not after a socket timeout").isLessThan(4_000);
        return response;
    }

    private static void assertUnavailable(Api.Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    private static boolean autoPaused(JsonNode listener) {
        return listener.get("pauseRequested").asBoolean()
                && listener.get("paused").asBoolean()
                && AUTO_REASON.equals(listener.get("reason").asString());
    }

    /** Every listener of the application (each one writes to MySQL) meets the condition, as the admin API shows. */
    private static boolean everyListener(String admin, Predicate<JsonNode> condition) {
        JsonNode listeners = instance(admin).get("listeners");
        boolean all = !listeners.isEmpty();
        for (JsonNode listener : listeners) {
            all &= condition.test(listener);
        }
        return all;
    }

    /** The application's own report (its Redis prefix is its own, so it is the only instance listed). */
    private static JsonNode instance(String admin) {
        JsonNode instances = api.get("/api/admin/consumers", admin).json().get("instances");
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }

    private static long totalLag(String admin) {
        JsonNode lag = api.get("/api/admin/consumers", admin).json().get("lag").path(PAYMENT);
        long total = 0;
        for (JsonNode partition : lag) {
            total += partition.asLong();
        }
        return total;
    }

    private static int timesProcessed(UUID eventId) {
        return db.sql("SELECT COUNT(*) FROM processed_event WHERE listener_id = ? AND event_id = ?")
                .params(PAYMENT, eventId.toString())
                .query(Integer.class)
                .single();
    }

    /**
     * Records in every dead-letter topic of this test's own broker (the dead-letter table is only ever filled from
     * these topics, and other test classes write to that table).
     */
    private static long deadLetteredRecords() throws Exception {
        try (AdminClient admin =
                AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (var topic : admin.describeTopics(admin.listTopics().names().get().stream()
                            .filter(name -> name.endsWith("-dlt"))
                            .toList())
                    .allTopicNames()
                    .get()
                    .values()) {
                topic.partitions()
                        .forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(ends).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
