package io.surge.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for orders. Status changes are conditional updates; the affected-row count says who won a race. */
@Repository
class Orders {

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertPending(long memberId, String idempotencyKey, Instant now, Instant expiresAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO orders (member_id, status, dispatch_status, total_amount, discount_amount,
                                            final_amount, idempotency_key, expires_at, created_at, updated_at)
                        VALUES (?, 'PENDING', 'NOT_READY', 0, 0, 0, ?, ?, ?, ?)""")
                .params(memberId, idempotencyKey, ts(expiresAt), ts(now), ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void setAmounts(long orderId, long total, long discount, long finalAmount, Long userCouponId) {
        jdbc.sql("""
                        UPDATE orders SET total_amount = ?, discount_amount = ?, final_amount = ?, user_coupon_id = ?
                        WHERE id = ?""")
                .params(total, discount, finalAmount, userCouponId, orderId)
                .update();
    }

    void insertItems(long orderId, List<OrderView.Item> items) {
        for (OrderView.Item item : items) {
            jdbc.sql("""
                            INSERT INTO order_item (order_id, option_id, product_id, product_name, option_name,
                                                    unit_price, quantity)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            orderId,
                            item.optionId(),
                            item.productId(),
                            item.productName(),
                            item.optionName(),
                            item.unitPrice(),
                            item.quantity())
                    .update();
        }
    }

    Optional<Long> idByIdempotencyKey(long memberId, String key) {
        return jdbc.sql("SELECT id FROM orders WHERE member_id = ? AND idempotency_key = ?")
                .params(memberId, key)
                .query(Long.class)
                .optional();
    }

    Optional<OrderRow> find(long orderId) {
        return jdbc.sql("SELECT * FROM orders WHERE id = ?")
                .param(orderId)
                .query(Orders::row)
                .optional();
    }

    List<OrderRow> page(long memberId, int page, int size) {
        return jdbc.sql("SELECT * FROM orders WHERE member_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(memberId, size, (long) page * size)
                .query(Orders::row)
                .list();
    }

    long count(long memberId) {
        return jdbc.sql("SELECT COUNT(*) FROM orders WHERE member_id = ?")
                .param(memberId)
                .query(Long.class)
                .single();
    }

    List<OrderView.Item> items(long orderId) {
        return jdbc.sql("SELECT * FROM order_item WHERE order_id = ? ORDER BY option_id")
                .param(orderId)
                .query((rs, n) -> new OrderView.Item(
                        rs.getLong("option_id"),
                        rs.getLong("product_id"),
                        rs.getString("product_name"),
                        rs.getString("option_name"),
                        rs.getLong("unit_price"),
                        rs.getInt("quantity")))
                .list();
    }

    /** PENDING -> PAYMENT_PROCESSING, only while the payment window is open. */
    boolean startPayment(long orderId, Instant now) {
        return jdbc.sql("""
                                UPDATE orders SET status = 'PAYMENT_PROCESSING', updated_at = ?
                                WHERE id = ? AND status = 'PENDING' AND expires_at > ?""").params(ts(now), orderId, ts(now)).update() == 1;
    }

    boolean markPaid(long orderId, Instant now) {
        return jdbc.sql("""
                                UPDATE orders SET status = 'PAID', dispatch_status = 'PENDING', updated_at = ?
                                WHERE id = ? AND status = 'PAYMENT_PROCESSING'""").params(ts(now), orderId).update() == 1;
    }

    boolean markPaymentFailed(long orderId, String reason, Instant now) {
        return jdbc.sql("""
                                UPDATE orders SET status = 'PAYMENT_FAILED', failure_reason = ?, updated_at = ?
                                WHERE id = ? AND status = 'PAYMENT_PROCESSING'""").params(reason, ts(now), orderId).update() == 1;
    }

    /** Claims due PENDING orders, skipping rows another instance (or a payment request) holds right now. */
    List<Long> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM orders WHERE status = 'PENDING' AND expires_at <= ?
                        ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED""").params(ts(now), limit).query(Long.class).list();
    }

    /** PAYMENT_PROCESSING orders untouched since {@code before}, skipping rows another instance holds right now. */
    List<Long> claimStuckPayments(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT id FROM orders WHERE status = 'PAYMENT_PROCESSING' AND updated_at <= ?
                        ORDER BY updated_at LIMIT ? FOR UPDATE SKIP LOCKED""").params(ts(before), limit).query(Long.class).list();
    }

    /** Restarts the payment timeout of a processing order (it has just been asked about). */
    boolean touchProcessing(long orderId, Instant now) {
        return jdbc.sql("""
                                UPDATE orders SET updated_at = ?
                                WHERE id = ? AND status = 'PAYMENT_PROCESSING'""").params(ts(now), orderId).update() == 1;
    }

    boolean markExpired(long orderId, Instant now) {
        return jdbc.sql("""
                                UPDATE orders SET status = 'EXPIRED', failure_reason = 'PAYMENT_WINDOW_ELAPSED',
                                                  updated_at = ?
                                WHERE id = ? AND status = 'PENDING' AND expires_at <= ?""").params(ts(now), orderId, ts(now)).update() == 1;
    }

    /** A sent order stays sent; anything else follows the latest dispatch outcome. */
    boolean setDispatch(long orderId, DispatchStatus status, Instant now) {
        return jdbc.sql("""
                                UPDATE orders SET dispatch_status = ?, updated_at = ?
                                WHERE id = ? AND status = 'PAID' AND dispatch_status <> 'SENT'""").params(status.name(), ts(now), orderId).update() == 1;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static OrderRow row(ResultSet rs, int n) throws SQLException {
        long coupon = rs.getLong("user_coupon_id");
        Long userCouponId = rs.wasNull() ? null : coupon;
        return new OrderRow(
                rs.getLong("id"),
                rs.getLong("member_id"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("failure_reason"),
                DispatchStatus.valueOf(rs.getString("dispatch_status")),
                rs.getLong("total_amount"),
                rs.getLong("discount_amount"),
                rs.getLong("final_amount"),
                userCouponId,
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    record OrderRow(
            long id,
            long memberId,
            OrderStatus status,
            String failureReason,
            DispatchStatus dispatchStatus,
            long totalAmount,
            long discountAmount,
            long finalAmount,
            Long userCouponId,
            Instant expiresAt,
            Instant createdAt) {

        OrderView toView(List<OrderView.Item> items) {
            return new OrderView(
                    id,
                    status,
                    failureReason,
                    dispatchStatus,
                    totalAmount,
                    discountAmount,
                    finalAmount,
                    userCouponId,
                    expiresAt,
                    createdAt,
                    items);
        }
    }
}
