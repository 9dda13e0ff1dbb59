package io.surge.payment;

import io.surge.member.MemberManagement;
import io.surge.messaging.PoisonEvent;
import io.surge.messaging.ProcessedEvents;
import io.surge.order.PaymentRequested;
import io.surge.order.PaymentTimedOut;
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
    public static final String PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT";
    public static final long MAX_CREDIT = 100_000_000L;
    static final String ADMIN_CREDIT = "ADMIN_CREDIT";
    static final String SELF_CHARGE = "SELF_CHARGE";
    static final String MAX_CHARGE_MESSAGE = "The amount must be between 1 and 100000000.";
    private final Wallets wallets;
    private final ProcessedEvents processed;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MemberManagement members;
    private final PaymentProperties properties;
    private final PaymentMetrics metrics;

    PaymentManagement(
            Wallets wallets,
            ProcessedEvents processed,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            MemberManagement members,
            PaymentProperties properties,
            PaymentMetrics metrics) {
        this.wallets = wallets;
        this.members = members;
        this.properties = properties;
        this.transactions = transactions;
        this.processed = processed;
        this.events = events;
        this.metrics = metrics;
    }

    @Transactional(readOnly = true)
    public WalletView wallet(long memberId) {
        return new WalletView(wallets.balance(memberId).orElse(0L));
    }

    /**
     * An admin puts money into a member's wallet; the ledger row names the admin ({@code credited_by}), so every
     * unit of money in the system traces back to the person who created it.
     */
    public CreditedWallet credit(long adminId, long memberId, long amount) {
        if (members.find(memberId).isEmpty()) {
            throw UnknownMember.of(memberId);
        }
        return new CreditedWallet(memberId, add(memberId, amount, ADMIN_CREDIT, adminId));
    }

    /**
     * The demo-only self-charge ({@code SURGE_DEMO_SELF_CHARGE}): money with no payment behind it, so it is off
     * unless switched on, and its ledger rows say the member credited themself.
     */
    public WalletView selfCharge(long memberId, long amount) {
        if (!properties.demoSelfCharge()) {
            throw new IllegalStateException("self-charge is switched off (SURGE_DEMO_SELF_CHARGE)");
        }
        return new WalletView(add(memberId, amount, SELF_CHARGE, memberId));
    }

    private long add(long memberId, long amount, String kind, long creditedBy) {
        if (amount <= 0 || amount > MAX_CREDIT) {
            throw InvalidAmount.of(MAX_CHARGE_MESSAGE);
        }
        transactions.executeWithoutResult(tx -> wallets.ensure(memberId));
        return transactions.execute(tx -> {
            if (!wallets.credit(memberId, amount)) {
                throw InvalidAmount.of("The balance would exceed its limit.");
            }
            wallets.ledger(memberId, amount, kind, null, creditedBy);
            return wallets.balance(memberId).orElseThrow();
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
            wallets.ledger(request.memberId(), -request.amount(), "ORDER_PAYMENT", request.orderId(), null);
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

    /**
     * The order side waited too long for an outcome. This module alone knows whether the wallet was debited: it
     * answers with the recorded outcome again (the first answer went missing), or, when the request never arrived,
     * records the payment as FAILED first, so the request, should it still arrive, charges nothing.
     */
    @Transactional
    void settleTimedOut(String listenerId, PaymentTimedOut timedOut) {
        if (!processed.firstDelivery(listenerId, timedOut.eventId())) {
            return;
        }
        long orderId = timedOut.orderId();
        var recorded = wallets.payment(orderId);
        if (recorded.isEmpty()) {
            wallets.recordPayment(orderId, timedOut.memberId(), timedOut.amount(), "FAILED", PAYMENT_TIMEOUT);
            events.publishEvent(new PaymentFailed(UUID.randomUUID(), orderId, timedOut.memberId(), PAYMENT_TIMEOUT));
            metrics.failed(PAYMENT_TIMEOUT);
        } else if ("COMPLETED".equals(recorded.get().status())) {
            events.publishEvent(new PaymentCompleted(
                    UUID.randomUUID(),
                    orderId,
                    timedOut.memberId(),
                    recorded.get().amount()));
        } else {
            String reason = recorded.get().reason() == null
                    ? "PAYMENT_FAILED"
                    : recorded.get().reason();
            events.publishEvent(new PaymentFailed(UUID.randomUUID(), orderId, timedOut.memberId(), reason));
        }
    }
}
