package io.surge.coupon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for campaigns. A campaign is immutable once created, so every instance may cache what this returns forever. */
@Repository
class Coupons {

    private final JdbcClient jdbc;

    Coupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new campaign; returns it with its id. */
    Campaign insert(NewCoupon spec) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO coupon (name, discount_type, discount_value, total_quantity, issue_starts_at,
                                            issue_ends_at, valid_days, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        spec.name(),
                        spec.discountType().name(),
                        spec.discountValue(),
                        spec.totalQuantity(),
                        Timestamp.from(spec.issueStartsAt()),
                        Timestamp.from(spec.issueEndsAt()),
                        spec.validDays(),
                        Timestamp.from(Instant.now()))
                .update(keys, "id");
        return new Campaign(
                keys.getKeyAs(Number.class).longValue(),
                spec.name(),
                spec.discountType(),
                spec.discountValue(),
                spec.totalQuantity(),
                spec.issueStartsAt(),
                spec.issueEndsAt(),
                spec.validDays());
    }

    Optional<Campaign> findById(long id) {
        return jdbc.sql("""
                        SELECT id, name, discount_type, discount_value, total_quantity, issue_starts_at, issue_ends_at,
                               valid_days
                        FROM coupon WHERE id = ?""").param(id).query(Coupons::campaign).optional();
    }

    private static Campaign campaign(ResultSet rs, int n) throws SQLException {
        return new Campaign(
                rs.getLong("id"),
                rs.getString("name"),
                DiscountType.valueOf(rs.getString("discount_type")),
                rs.getLong("discount_value"),
                rs.getInt("total_quantity"),
                rs.getTimestamp("issue_starts_at").toInstant(),
                rs.getTimestamp("issue_ends_at").toInstant(),
                rs.getInt("valid_days"));
    }
}
