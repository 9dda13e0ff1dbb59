package io.surge.payment;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Balance changes are single atomic statements (no read-modify-write), each paired with a ledger row in the same
 * transaction; the ledger's unique (order_id) makes a second debit for one order impossible.
 */
@Repository
class Wallets {

    static final long MAX_BALANCE = 1_000_000_000_000L;
    private final JdbcClient jdbc;

    Wallets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> balance(long memberId) {
        return jdbc.sql("SELECT balance FROM wallet WHERE member_id = ?")
                .param(memberId)
                .query(Long.class)
                .optional();
    }

    /**
     * Creates an empty wallet if there is none. Run in its own short transaction: the shared lock a duplicate insert
     * takes is then released at once, instead of being held into the credit's update, where two first charges of
     * one member would deadlock upgrading it (found by the concurrent-charge test).
     */
    void ensure(long memberId) {
        jdbc.sql("INSERT IGNORE INTO wallet (member_id, balance, updated_at) VALUES (?, 0, NOW(6))")
                .param(memberId)
                .update();
    }

    /** Adds to the balance; false if the result would pass the limit. */
    boolean credit(long memberId, long amount) {
        return jdbc.sql("""
                                UPDATE wallet SET balance = balance + ?, updated_at = NOW(6)
                                WHERE member_id = ? AND balance <= ? - ?""").params(amount, memberId, MAX_BALANCE, amount).update() == 1;
    }

    /** Takes {@code amount} if the balance covers it; false (nothing taken) otherwise. */
    boolean debit(long memberId, long amount) {
        return jdbc.sql("""
                                UPDATE wallet SET balance = balance - ?, updated_at = NOW(6)
                                WHERE member_id = ? AND balance >= ?""").params(amount, memberId, amount).update() == 1;
    }

    /** {@code creditedBy}: the member id of whoever created the money (admin credit, demo self-charge), else null. */
    void ledger(long memberId, long amount, String kind, Long orderId, Long creditedBy) {
        jdbc.sql("""
                        INSERT INTO wallet_ledger
                            (member_id, amount, kind, order_id, credited_by, balance_after, created_at)
                        SELECT member_id, ?, ?, ?, ?, balance, NOW(6) FROM wallet WHERE member_id = ?""").params(amount, kind, orderId, creditedBy, memberId).update();
    }

    boolean paymentExists(long orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM payment WHERE order_id = ?")
                        .param(orderId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** The recorded outcome of charging an order: status, amount, failure reason. */
    java.util.Optional<PaymentRecord> payment(long orderId) {
        return jdbc.sql("SELECT status, amount, failure_reason FROM payment WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> new PaymentRecord(rs.getString(1), rs.getLong(2), rs.getString(3)))
                .optional();
    }

    record PaymentRecord(String status, long amount, String reason) {}

    void recordPayment(long orderId, long memberId, long amount, String status, String reason) {
        jdbc.sql("""
                        INSERT INTO payment (order_id, member_id, amount, status, failure_reason, created_at)
                        VALUES (?, ?, ?, ?, ?, NOW(6))""").params(orderId, memberId, amount, status, reason).update();
    }
}
