package io.surge.coupon;

import io.surge.coupon.IssuedCouponWriter.Result;
import io.surge.coupon.IssuedCouponWriter.Row;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable side of issuing: {@code user_coupon} rows, fenced by the campaign's {@code state_epoch}. Every write
 * holds a shared lock on its campaigns' rows and stores only rows issued under the current epoch; a rebuild takes the
 * exclusive lock, so it waits for writes in flight and fences off every later one. No timing assumption (write or
 * socket timeout, a statement the server finishes after the client gave up) can make a pre-rebuild row land after
 * the rebuild counted the rows. A write whose fate is unclear is settled by writing again: insert-if-absent, then
 * reading what MySQL holds for the member, never by guessing.
 */
@Component
class CouponLedger {

    private static final String INSERT = "INSERT INTO user_coupon (id, coupon_id, member_id, status, issued_at,"
            + " expires_at) VALUES (?, ?, ?, 'AVAILABLE', ?, ?)";
    private static final String INSERT_IF_ABSENT = INSERT.replaceFirst("INSERT", "INSERT IGNORE");

    record Fenced(long epoch, List<Long> holders, long maxOrdinal) {}

    record Audit(long epoch, long rows, long maxOrdinal) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    CouponLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Stores the rows in one transaction (one multi-row insert when nothing conflicts) and says what became of each. */
    Map<Row, Result> store(List<Row> rows) {
        return tx.execute(status -> {
            Map<Long, Long> epochs = lockEpochs(rows);
            Map<Row, Result> results = new LinkedHashMap<>();
            List<Row> live = new ArrayList<>(rows.size());
            for (Row row : rows) {
                if (epochs.getOrDefault(row.couponId(), -1L) == row.epoch()) {
                    live.add(row);
                } else {
                    results.put(row, Result.STALE);
                }
            }
            if (!live.isEmpty()) {
                try {
                    jdbc.batchUpdate(INSERT, live, live.size(), (ps, row) -> bind(ps, row));
                    live.forEach(row -> results.put(row, Result.WRITTEN));
                } catch (DuplicateKeyException conflict) {
                    live.forEach(row -> results.put(row, resolve(row)));
                }
            }
            return results;
        });
    }

    /** Insert-if-absent, then what MySQL holds decides: this row, an earlier coupon of the member, or a clash. */
    private Result resolve(Row row) {
        if (jdbc.update(INSERT_IF_ABSENT, ps -> bind(ps, row)) == 1) {
            return Result.WRITTEN;
        }
        List<Long> held = jdbc.queryForList(
                "SELECT id FROM user_coupon WHERE coupon_id = ? AND member_id = ? LOCK IN SHARE MODE",
                Long.class,
                row.couponId(),
                row.memberId());
        if (held.isEmpty()) {
            return Result.CLASH;
        }
        return held.getFirst() == row.id() ? Result.PRESENT : Result.HELD_OTHER;
    }

    private Map<Long, Long> lockEpochs(List<Row> rows) {
        List<Long> ids = rows.stream().map(Row::couponId).distinct().toList();
        String marks = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        Map<Long, Long> epochs = new HashMap<>();
        jdbc.query(
                "SELECT id, state_epoch FROM coupon WHERE id IN (" + marks + ") LOCK IN SHARE MODE",
                rs -> {
                    epochs.put(rs.getLong(1), rs.getLong(2));
                },
                ids.toArray());
        return epochs;
    }

    private static void bind(java.sql.PreparedStatement ps, Row row) throws java.sql.SQLException {
        ps.setLong(1, row.id());
        ps.setLong(2, row.couponId());
        ps.setLong(3, row.memberId());
        ps.setTimestamp(4, Timestamp.from(row.issuedAt()));
        ps.setTimestamp(5, Timestamp.from(row.expiresAt()));
    }

    /**
     * For a rebuild: advances the epoch under the exclusive lock (waiting for writes in flight, fencing off later
     * ones), then reads the holders and the highest ordinal as of that moment.
     */
    Fenced fence(long couponId) {
        return tx.execute(status -> {
            long epoch =
                    jdbc.queryForObject("SELECT state_epoch FROM coupon WHERE id = ? FOR UPDATE", Long.class, couponId)
                            + 1;
            jdbc.update("UPDATE coupon SET state_epoch = ? WHERE id = ?", epoch, couponId);
            List<Long> holders =
                    jdbc.queryForList("SELECT member_id FROM user_coupon WHERE coupon_id = ?", Long.class, couponId);
            return new Fenced(epoch, holders, maxOrdinal(couponId));
        });
    }

    /** Read before Redis, so a healthy state can only look ahead of these figures, never behind. */
    Audit audit(long couponId) {
        long epoch = jdbc.queryForObject("SELECT state_epoch FROM coupon WHERE id = ?", Long.class, couponId);
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM user_coupon WHERE coupon_id = ?", Long.class, couponId);
        return new Audit(epoch, rows, maxOrdinal(couponId));
    }

    long epoch(long couponId) {
        return jdbc.queryForObject("SELECT state_epoch FROM coupon WHERE id = ?", Long.class, couponId);
    }

    private long maxOrdinal(long couponId) {
        long from = couponId * Campaign.ID_SPACE;
        return jdbc.queryForObject(
                        "SELECT COALESCE(MAX(id), ?) FROM user_coupon WHERE id >= ? AND id < ?",
                        Long.class,
                        from,
                        from,
                        from + Campaign.ID_SPACE)
                - from;
    }

    /** Campaigns whose window has opened and whose Redis state has not expired yet: where pending units can be. */
    List<Long> liveCampaigns(Duration grace) {
        Instant now = Instant.now();
        return jdbc.queryForList(
                "SELECT id FROM coupon WHERE issue_starts_at <= ? AND issue_ends_at > ?",
                Long.class,
                Timestamp.from(now),
                Timestamp.from(now.minus(grace)));
    }
}
