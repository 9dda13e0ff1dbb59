package io.surge.dispatch;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Dispatches {

    private final JdbcClient jdbc;

    Dispatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> status(long orderId) {
        return jdbc.sql("SELECT status FROM dispatch WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    void open(long orderId) {
        jdbc.sql("""
                        INSERT IGNORE INTO dispatch (order_id, status, attempts, created_at, updated_at)
                        VALUES (?, 'PENDING', 0, NOW(6), NOW(6))""").param(orderId).update();
    }

    void sent(long orderId) {
        jdbc.sql("""
                        UPDATE dispatch SET status = 'SENT', attempts = attempts + 1, last_error = NULL,
                                            sent_at = NOW(6), updated_at = NOW(6)
                        WHERE order_id = ?""").param(orderId).update();
    }

    void attemptFailed(long orderId, String error) {
        jdbc.sql("""
                        UPDATE dispatch SET attempts = attempts + 1, last_error = ?, updated_at = NOW(6)
                        WHERE order_id = ? AND status <> 'SENT'""").params(error, orderId).update();
    }

    boolean failed(long orderId) {
        return jdbc.sql(
                                "UPDATE dispatch SET status = 'FAILED', updated_at = NOW(6) WHERE order_id = ? AND status <> 'SENT'")
                        .param(orderId)
                        .update()
                == 1;
    }
}
