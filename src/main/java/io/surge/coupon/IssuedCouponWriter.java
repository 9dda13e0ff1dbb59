package io.surge.coupon;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Group-commits issued coupons to MySQL: whatever has queued while the previous insert ran goes out as one
 * multi-row INSERT, so MySQL sees a few statements per second per thread instead of one per coupon, and a member is
 * answered 201 only after their row is committed. This writer alone knows a write's fate, so it alone compensates
 * Redis when a write fails; a request that stops waiting never does (the row may still land).
 */
@Component
class IssuedCouponWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IssuedCouponWriter.class);
    private static final String INSERT = "INSERT INTO user_coupon (id, coupon_id, member_id, status, issued_at,"
            + " expires_at) VALUES (?, ?, ?, 'AVAILABLE', ?, ?)";

    enum Result {
        WRITTEN,
        DUPLICATE
    }

    record Row(long id, long couponId, long memberId, Instant issuedAt, Instant expiresAt) {}

    private record Pending(Row row, CompletableFuture<Result> done) {}

    private final JdbcTemplate jdbc;
    private final CampaignState state;
    private final CouponProperties properties;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    IssuedCouponWriter(JdbcTemplate jdbc, CampaignState state, CouponProperties properties) {
        this.jdbc = jdbc;
        this.state = state;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.writerQueueCapacity());
    }

    /** Rows waiting for MySQL (the queue-depth gauge of {@link CouponWriterMetrics}). */
    int queued() {
        return queue.size();
    }

    /** Queues a row; empty when the queue is full (the caller compensates and sheds the request). */
    CompletableFuture<Result> submit(Row row) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(row, done))) {
            return null;
        }
        return done;
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(properties.writerBatchSize());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.writerBatchSize() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Coupon writer failed on a batch of {}", batch.size(), e);
                batch.forEach(p -> fail(p, e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            jdbc.batchUpdate(INSERT, batch, batch.size(), (ps, p) -> {
                ps.setLong(1, p.row().id());
                ps.setLong(2, p.row().couponId());
                ps.setLong(3, p.row().memberId());
                ps.setTimestamp(4, Timestamp.from(p.row().issuedAt()));
                ps.setTimestamp(5, Timestamp.from(p.row().expiresAt()));
            });
            batch.forEach(p -> p.done().complete(Result.WRITTEN));
        } catch (DataIntegrityViolationException conflict) {
            if (batch.size() == 1) {
                settleSingle(batch.getFirst(), conflict);
            } else {
                batch.forEach(p -> write(List.of(p)));
            }
        } catch (DataAccessException e) {
            batch.forEach(p -> fail(p, e));
        }
    }

    /** A duplicate means MySQL already has this member's coupon: Redis lost track, so give the unit back. */
    private void settleSingle(Pending pending, DataIntegrityViolationException conflict) {
        if (conflict instanceof DuplicateKeyException) {
            state.compensate(pending.row().couponId(), pending.row().memberId(), true);
            pending.done().complete(Result.DUPLICATE);
        } else {
            fail(pending, conflict);
        }
    }

    private void fail(Pending pending, RuntimeException cause) {
        try {
            state.compensate(pending.row().couponId(), pending.row().memberId(), false);
        } catch (RuntimeException redisDown) {
            log.error(
                    "Could not compensate coupon {} for member {}; an admin rebuild restores the unit",
                    pending.row().couponId(),
                    pending.row().memberId(),
                    redisDown);
        }
        pending.done().completeExceptionally(cause);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < properties.writerThreads(); i++) {
            Thread thread =
                    Thread.ofPlatform().name("coupon-writer-" + i).daemon(true).start(this::drain);
            threads.add(thread);
        }
    }

    /** Stops after the web server has drained: queued coupons are still written before the pool closes. */
    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(properties.writeTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
