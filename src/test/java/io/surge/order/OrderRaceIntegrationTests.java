package io.surge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Shop;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Concurrency claims, each raced with real threads and then checked row by row. */
@IntegrationTest
class OrderRaceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OrderManagement orders;

    Api api;
    Shop shop;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        shop = new Shop(api, jdbc);
    }

    @Test
    void hundredConcurrentOrdersForTheLastTenUnitsSellExactlyTen() throws Exception {
        long option = shop.product(100, 10).getFirst();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(shop.member(0));
        }
        int buyers = 100;

        List<Api.Response> responses =
                race(buyers, i -> politely(() -> shop.order(tokens.get(i % tokens.size()), option, 1)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(90).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("OUT_OF_STOCK");
        });
        assertThat(shop.stock(option)).isZero();
        assertThat(jdbc.sql("SELECT COALESCE(SUM(quantity), 0) FROM order_item WHERE option_id = ?")
                        .param(option)
                        .query(Integer.class)
                        .single())
                .isEqualTo(10);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM orders o JOIN order_item i ON i.order_id = o.id WHERE i.option_id = ?")
                        .param(option)
                        .query(Integer.class)
                        .single())
                .isEqualTo(10);
    }

    @Test
    void ordersLockingOptionsInOppositeOrderNeitherDeadlockNorOversell() throws Exception {
        List<Long> options = shop.product(100, 30, 30);
        String token = shop.member(0);

        List<Api.Response> responses = race(
                40,
                i -> politely(() -> {
                    List<Long> lines = i % 2 == 0 ? options : options.reversed();
                    return api.post(
                            "/api/orders",
                            Map.of(
                                    "items",
                                    List.of(
                                            Map.of("optionId", lines.get(0), "quantity", 1),
                                            Map.of("optionId", lines.get(1), "quantity", 1))),
                            token);
                }));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        long placed = responses.stream().filter(r -> r.status() == 201).count();
        assertThat(placed).isEqualTo(30);
        assertThat(shop.stock(options.get(0))).isZero();
        assertThat(shop.stock(options.get(1))).isZero();
    }

    @Test
    void expiryRacingPaymentsGivesEachOrderExactlyOneOutcome() throws Exception {
        long option = shop.product(100, 40).getFirst();
        int count = 20;
        List<String> tokens = new ArrayList<>();
        List<Long> orderIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = shop.member(1_000);
            tokens.add(token);
            orderIds.add(shop.placeOrder(token, option, 2));
        }
        assertThat(shop.stock(option)).isZero();
        Instant dueAt = Instant.now().plusMillis(400);
        for (int i = 0; i < count; i++) {
            jdbc.sql("UPDATE orders SET expires_at = ? WHERE id = ?")
                    .params(Timestamp.from(dueAt.plusMillis((i % 5) * 50L - 100)), orderIds.get(i))
                    .update();
        }

        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicInteger expiredByJob = new AtomicInteger();
        List<Api.Response> payments;
        try (ExecutorService instances = Executors.newFixedThreadPool(4)) {
            for (int n = 0; n < 4; n++) {
                instances.submit(() -> {
                    while (racing.get()) {
                        expiredByJob.addAndGet(orders.expireDue());
                    }
                    return null;
                });
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), dueAt).toMillis() - 150));
            payments = race(count, i -> shop.pay(tokens.get(i), orderIds.get(i)));
            Thread.sleep(1_000);
            racing.set(false);
        }

        for (int i = 0; i < count; i++) {
            long orderId = orderIds.get(i);
            Api.Response payment = payments.get(i);
            if (payment.status() == 202) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> shop.status(orderId).equals("PAID"));
                assertThat(shop.ledgerRowsFor(orderId)).isEqualTo(1);
                assertThat(shop.balance(tokens.get(i))).isEqualTo(800);
            } else {
                assertThat(payment.status()).isEqualTo(409);
                assertThat(payment.code()).isEqualTo("ORDER_NOT_PAYABLE");
                assertThat(shop.status(orderId)).isEqualTo("EXPIRED");
                assertThat(shop.ledgerRowsFor(orderId)).isZero();
                assertThat(shop.balance(tokens.get(i))).isEqualTo(1_000);
            }
        }
        long paid = payments.stream().filter(r -> r.status() == 202).count();
        long expired = count - paid;
        assertThat(expiredByJob.get()).isLessThanOrEqualTo((int) expired);
        assertThat(shop.stock(option))
                .as("stock of expired orders came back exactly once")
                .isEqualTo((int) expired * 2);
    }

    @Test
    void fourInstancesExpiringTogetherReleaseEachReservationOnce() throws Exception {
        long option = shop.product(100, 30).getFirst();
        String token = shop.member(0);
        List<Long> orderIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orderIds.add(shop.placeOrder(token, option, 1));
        }
        jdbc.sql("UPDATE orders SET expires_at = ? WHERE id IN (:ids)".replace(":ids", join(orderIds)))
                .param(Timestamp.from(Instant.now().minusSeconds(1)))
                .update();

        List<Integer> expiredPerInstance = race(4, i -> orders.expireDue());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> orderIds.stream().allMatch(id -> shop.status(id).equals("EXPIRED")));
        assertThat(expiredPerInstance.stream().mapToInt(Integer::intValue).sum())
                .isLessThanOrEqualTo(30);
        assertThat(shop.stock(option)).isEqualTo(30);
    }

    /**
     * A well-behaved client: a 503 (pool briefly exhausted on this 2-core box while the hot row's commits queue) is
     * retried after its Retry-After, as the API asks. Deadlocks or other errors would surface as 500 and fail.
     */
    private static Api.Response politely(Callable<Api.Response> request) throws Exception {
        Api.Response response = request.call();
        for (int attempt = 0; attempt < 10 && response.status() == 503; attempt++) {
            assertThat(response.header("Retry-After")).isNotNull();
            Thread.sleep(500);
            response = request.call();
        }
        return response;
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static <T> List<T> race(int threads, IndexedCall<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @FunctionalInterface
    interface IndexedCall<T> {
        T call(int index) throws Exception;
    }
}
