package io.surge.order;

import io.surge.catalog.CatalogManagement;
import io.surge.catalog.ReservedLine;
import io.surge.catalog.StockLine;
import io.surge.messaging.PoisonEvent;
import io.surge.messaging.ProcessedEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order module's API. Its transactions run at READ COMMITTED: a conditional update on a sold-out option row or an
 * already-expired order then neither waits for nor keeps the row lock, and the expiry claim takes no gap locks that
 * payment requests could deadlock against. The few deadlocks InnoDB may still pick a victim for are retried.
 *
 * <p> Placement reserves stock and coupon in the order's own transaction, so an order exists
 * exactly when its reservation does; every later transition is a conditional status update, and only the caller that
 * wins it releases or confirms the reservation: compensation runs once, and only for what was really taken.
 */
@Service
public class OrderManagement {

    private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);
    private static final int DEADLOCK_ATTEMPTS = 3;
    private final Orders orders;
    private final CatalogManagement catalog;
    private final OrderCoupons coupons;
    private final OrderProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ProcessedEvents processed;
    private final OrderMetrics metrics;
    private final Clock clock;

    OrderManagement(
            Orders orders,
            CatalogManagement catalog,
            OrderCoupons coupons,
            OrderProperties properties,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            ProcessedEvents processed,
            OrderMetrics metrics) {
        this.orders = orders;
        this.catalog = catalog;
        this.coupons = coupons;
        this.properties = properties;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.processed = processed;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    /** Places an order, or returns the one an earlier request with the same idempotency key placed. */
    public OrderView place(long memberId, PlaceOrder command) {
        String key = command.idempotencyKey();
        if (key != null) {
            Optional<OrderView> earlier = byKey(memberId, key);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            return transactions.execute(status -> placeInTransaction(memberId, command));
        } catch (DuplicateKeyException sameKeyRace) {
            return byKey(memberId, key).orElseThrow(() -> sameKeyRace);
        }
    }

    private OrderView placeInTransaction(long memberId, PlaceOrder command) {
        Instant now = clock.instant();
        List<StockLine> lines = command.items().stream()
                .map(line -> new StockLine(line.optionId(), line.quantity()))
                .toList();
        List<ReservedLine> quoted = catalog.quote(lines);
        long orderId =
                orders.insertPending(memberId, command.idempotencyKey(), now, now.plus(properties.paymentWindow()));
        long total = quoted.stream()
                .mapToLong(line -> Math.multiplyExact(line.unitPrice(), (long) line.quantity()))
                .reduce(0L, Math::addExact);
        long discount = 0;
        if (command.userCouponId() != null) {
            discount = Math.min(total, coupons.reserve(memberId, command.userCouponId(), orderId, total));
        }
        long finalAmount = total - discount;
        List<OrderView.Item> items = quoted.stream()
                .map(line -> new OrderView.Item(
                        line.optionId(),
                        line.productId(),
                        line.productName(),
                        line.optionName(),
                        line.unitPrice(),
                        line.quantity()))
                .toList();
        orders.setAmounts(orderId, total, discount, finalAmount, command.userCouponId());
        orders.insertItems(orderId, items);
        events.publishEvent(new OrderPlaced(UUID.randomUUID(), orderId, memberId, finalAmount));
        metrics.entered(OrderStatus.PENDING);
        OrderView placed = view(orderId);
        catalog.reserve(lines);
        return placed;
    }

    /**
     * Starts payment: PENDING -> PAYMENT_PROCESSING and a {@link PaymentRequested} in the outbox, atomically. Asking
     * again while processing or once paid returns the current state; expired or failed orders are not payable.
     */
    public OrderView requestPayment(long memberId, long orderId) {
        return retryingDeadlocks(() -> transactions.execute(status -> {
            Orders.OrderRow order = owned(memberId, orderId);
            Instant now = clock.instant();
            if (orders.startPayment(orderId, now)) {
                events.publishEvent(new PaymentRequested(UUID.randomUUID(), orderId, memberId, order.finalAmount()));
                metrics.entered(OrderStatus.PAYMENT_PROCESSING);
                return view(orderId);
            }
            Orders.OrderRow current = orders.find(orderId).orElseThrow();
            return switch (current.status()) {
                case PAYMENT_PROCESSING, PAID -> current.toView(orders.items(orderId));
                case PENDING -> {
                    expire(orderId, now);
                    throw OrderNotPayable.of(orderId, OrderStatus.EXPIRED);
                }
                default -> throw OrderNotPayable.of(orderId, current.status());
            };
        }));
    }

    public OrderView find(long memberId, long orderId) {
        Orders.OrderRow order = owned(memberId, orderId);
        return order.toView(orders.items(orderId));
    }

    public OrderPage list(long memberId, int page, int size) {
        List<OrderView> content = orders.page(memberId, page, size).stream()
                .map(row -> row.toView(orders.items(row.id())))
                .toList();
        return new OrderPage(content, page, size, orders.count(memberId));
    }

    /** Dispatch reports the external send's outcome; a sent order never goes back to failed. */
    public void recordDispatch(long orderId, DispatchStatus status) {
        transactions.executeWithoutResult(tx -> orders.setDispatch(orderId, status, clock.instant()));
    }

    /** Expires due orders claimed with SKIP LOCKED; returns how many this call expired. */
    public int expireDue() {
        Integer expired = retryingDeadlocks(() -> transactions.execute(status -> {
            Instant now = clock.instant();
            int count = 0;
            for (long orderId : orders.claimDue(now, properties.expiryBatchSize())) {
                if (expire(orderId, now)) {
                    count++;
                }
            }
            return count;
        }));
        return expired == null ? 0 : expired;
    }

    /**
     * Bounds PAYMENT_PROCESSING: an order processing longer than the payment timeout gets a {@link PaymentTimedOut}
     * (once per timeout, claimed with SKIP LOCKED across instances); the payment module's answer, a completion or a
     * failure, moves it on through the usual conditional updates, with the usual compensation on failure.
     */
    public int askAboutStuckPayments() {
        Integer asked = retryingDeadlocks(() -> transactions.execute(status -> {
            Instant now = clock.instant();
            int count = 0;
            for (long orderId :
                    orders.claimStuckPayments(now.minus(properties.paymentTimeout()), properties.expiryBatchSize())) {
                Orders.OrderRow order = orders.find(orderId).orElseThrow();
                if (orders.touchProcessing(orderId, now)) {
                    events.publishEvent(
                            new PaymentTimedOut(UUID.randomUUID(), orderId, order.memberId(), order.finalAmount()));
                    count++;
                }
            }
            return count;
        }));
        return asked == null ? 0 : asked;
    }

    /** Payment succeeded: PAYMENT_PROCESSING -> PAID once; coupon used, sales counted, dispatch told. */
    void paymentCompleted(String listenerId, UUID eventId, long orderId) {
        transactions.executeWithoutResult(tx -> {
            if (processed.firstDelivery(listenerId, eventId)) {
                paymentCompleted(orderId);
            }
        });
    }

    /** Payment failed: PAYMENT_PROCESSING -> PAYMENT_FAILED once; stock and coupon go back exactly once. */
    void paymentFailed(String listenerId, UUID eventId, long orderId, String reason) {
        transactions.executeWithoutResult(tx -> {
            if (processed.firstDelivery(listenerId, eventId)) {
                paymentFailed(orderId, reason);
            }
        });
    }

    private void paymentCompleted(long orderId) {
        Orders.OrderRow order = orders.find(orderId).orElseThrow(() -> PoisonEvent.of("no order " + orderId));
        if (!orders.markPaid(orderId, clock.instant())) {
            log.info("Payment completion for order {} ignored: order is {}", orderId, order.status());
            return;
        }
        List<OrderView.Item> items = orders.items(orderId);
        if (order.userCouponId() != null) {
            coupons.markUsed(order.userCouponId(), orderId);
        }
        catalog.recordSales(stockLines(items));
        events.publishEvent(new OrderPaid(UUID.randomUUID(), orderId, order.memberId(), order.finalAmount(), items));
        metrics.entered(OrderStatus.PAID);
    }

    private void paymentFailed(long orderId, String reason) {
        Orders.OrderRow order = orders.find(orderId).orElseThrow(() -> PoisonEvent.of("no order " + orderId));
        if (!orders.markPaymentFailed(orderId, reason, clock.instant())) {
            log.info("Payment failure for order {} ignored: order is {}", orderId, order.status());
            return;
        }
        metrics.entered(OrderStatus.PAYMENT_FAILED);
        releaseReservation(order);
    }

    private boolean expire(long orderId, Instant now) {
        if (!orders.markExpired(orderId, now)) {
            return false;
        }
        metrics.entered(OrderStatus.EXPIRED);
        releaseReservation(orders.find(orderId).orElseThrow());
        return true;
    }

    private void releaseReservation(Orders.OrderRow order) {
        catalog.release(stockLines(orders.items(order.id())));
        if (order.userCouponId() != null) {
            coupons.release(order.userCouponId(), order.id());
        }
    }

    /** A deadlock victim was rolled back entirely, so running it again is safe. */
    private static <T> T retryingDeadlocks(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == DEADLOCK_ATTEMPTS) {
                    throw deadlock;
                }
                log.info(
                        "Retrying after lock conflict ({}): {}",
                        attempt,
                        deadlock.getMostSpecificCause().getMessage());
            }
        }
    }

    private static List<StockLine> stockLines(List<OrderView.Item> items) {
        return items.stream()
                .map(item -> new StockLine(item.optionId(), item.quantity()))
                .toList();
    }

    private Orders.OrderRow owned(long memberId, long orderId) {
        return orders.find(orderId)
                .filter(order -> order.memberId() == memberId)
                .orElseThrow(() -> OrderNotFound.of(orderId));
    }

    private Optional<OrderView> byKey(long memberId, String key) {
        return orders.idByIdempotencyKey(memberId, key).map(this::view);
    }

    private OrderView view(long orderId) {
        return orders.find(orderId).orElseThrow().toView(orders.items(orderId));
    }
}
