package io.surge.payment;

import io.surge.order.PaymentRequested;
import io.surge.platform.kafka.PoisonEvent;
import io.surge.platform.kafka.ProcessedEvents;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wallet API and the payment step of the order saga. An order is charged at most once: the event id is recorded,
 * the payment row is keyed by order id, and the ledger's order id is unique; the outcome event leaves through the
 * outbox in the same transaction as the debit.
 */
@Service
public class PaymentManagement {

    public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    static final String MAX_CHARGE_MESSAGE = "The amount must be between 1 and 100000000.";
    private final Wallets wallets;
    private final ProcessedEvents processed;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final PaymentMetrics metrics;

    PaymentManagement(
            Wallets wallets,
            ProcessedEvents processed,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            PaymentMetrics metrics) {
        this.wallets = wallets;
        this.transactions = transactions;
        this.processed = processed;
        this.events = events;
        this.metrics = metrics;
    }

    @Transactional(readOnly = true)
    public WalletView wallet(long memberId) {
        return new WalletView(wallets.balance(memberId).orElse(0L));
    }

    public WalletView charge(long memberId, long amount) {
        if (amount <= 0 || amount > 100_000_000L) {
            throw InvalidAmount.of(MAX_CHARGE_MESSAGE);
        }
        transactions.executeWithoutResult(tx -> wallets.ensure(memberId));
        return transactions.execute(tx -> {
            if (!wallets.credit(memberId, amount)) {
                throw InvalidAmount.of("The balance would exceed its limit.");
            }
            wallets.ledger(memberId, amount, "CHARGE", null);
            return new WalletView(wallets.balance(memberId).orElseThrow());
        });
    }

    @Transactional
    void pay(String listenerId, PaymentRequested request) {
        if (request.amount() < 0) {
            throw PoisonEvent.of("negative amount for order " + request.orderId());
        }
        if (!processed.firstDelivery(listenerId, request.eventId()) || wallets.paymentExists(request.orderId())) {
            return;
        }
        if (wallets.debit(request.memberId(), request.amount())) {
            wallets.ledger(request.memberId(), -request.amount(), "ORDER_PAYMENT", request.orderId());
            wallets.recordPayment(request.orderId(), request.memberId(), request.amount(), "COMPLETED", null);
            events.publishEvent(
                    new PaymentCompleted(UUID.randomUUID(), request.orderId(), request.memberId(), request.amount()));
            metrics.completed();
        } else {
            wallets.recordPayment(
                    request.orderId(), request.memberId(), request.amount(), "FAILED", INSUFFICIENT_BALANCE);
            events.publishEvent(
                    new PaymentFailed(UUID.randomUUID(), request.orderId(), request.memberId(), INSUFFICIENT_BALANCE));
            metrics.failed(INSUFFICIENT_BALANCE);
        }
    }
}
