package io.surge.coupon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group-commits issued coupons to MySQL: whatever has queued while the previous insert ran goes out as one
 * multi-row INSERT, so MySQL sees a few statements per second per thread instead of one per coupon, and a member is
 * answered 201 only after their row is committed. Then Redis is made to agree: committed rows' pending records go
 * (one HDEL per campaign and batch). A write that fails leaves its pending records in Redis: whether it committed is
 * unknown, so nothing is given back here; {@link PendingSettler} (or the member's retry) settles them by writing
 * again.
 */
@Component
class IssuedCouponWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IssuedCouponWriter.class);

    enum Result {
        /** this call inserted the row: the one answer that may be a 201 */
        WRITTEN,
        /** the row was already in MySQL (another path settled this unit first) */
        PRESENT,
        /** MySQL holds an earlier coupon of this member: Redis had lost track of it */
        HELD_OTHER,
        /** the id belongs to another member's row: Redis's ordinal went backwards */
        CLASH,
        /** issued under an older epoch: a rebuild has counted the rows since, and gave this unit back */
        STALE
    }

    record Row(long id, long couponId, long memberId, Instant issuedAt, Instant expiresAt, long epoch) {

        long ordinal() {
            return id % Campaign.ID_SPACE;
        }

        /** The pending record the issue script left for this unit. */
        String pendingRecord() {
            return ordinal() + ":" + issuedAt.toEpochMilli() + ":" + epoch;
        }
    }

    private record Pending(Row row, CompletableFuture<Result> done) {}

    private final CouponLedger ledger;
    private final CampaignState state;
    private final CampaignRecovery recovery;
    private final CampaignCatalog catalog;
    private final CouponProperties properties;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    IssuedCouponWriter(
            CouponLedger ledger,
            CampaignState state,
            CampaignRecovery recovery,
            CampaignCatalog catalog,
            CouponProperties properties) {
        this.ledger = ledger;
        this.state = state;
        this.recovery = recovery;
        this.catalog = catalog;
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.writerQueueCapacity());
    }

    /** Rows waiting for MySQL (the queue-depth gauge of {@link CouponWriterMetrics}). */
    int queued() {
        return queue.size();
    }

    /** Queues a row; null when the queue is full (the caller releases the unit and sheds the request). */
    CompletableFuture<Result> submit(Row row) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Pending(row, done))) {
            return null;
        }
        return done;
    }

    /**
     * Stores the rows, then makes Redis agree with what MySQL now holds: the writer threads, the settler and a
     * member's retry all go through here, so each outcome has exactly one meaning. Idempotent.
     *
     * @throws org.springframework.dao.DataAccessException when MySQL did not answer (the records stay pending)
     */
    Map<Row, Result> settle(List<Row> rows) {
        Map<Row, Result> results = ledger.store(rows);
        try {
            results.entrySet().stream()
                    .filter(e -> e.getValue() == Result.WRITTEN || e.getValue() == Result.PRESENT)
                    .collect(Collectors.groupingBy(
                            e -> e.getKey().couponId(),
                            Collectors.mapping(e -> e.getKey().memberId(), Collectors.toList())))
                    .forEach(state::confirm);
            results.forEach((row, result) -> {
                if (result == Result.HELD_OTHER) {
                    state.release(row, true);
                }
                if (result == Result.HELD_OTHER || result == Result.CLASH) {
                    log.warn(
                            "Coupon {} for member {} (id {}): {}; the campaign's Redis state regressed, rebuilding",
                            row.couponId(),
                            row.memberId(),
                            row.id(),
                            result);
                    recovery.requestRebuild(catalog.get(row.couponId()));
                }
            });
        } catch (RuntimeException redisDown) {
            // MySQL has decided; the pending records left behind are settled again (idempotently) later
            log.warn("Coupon rows stored, Redis not updated yet: {}", redisDown.toString());
        }
        return results;
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
                Map<Row, Result> results =
                        settle(batch.stream().map(Pending::row).toList());
                batch.forEach(p -> p.done().complete(results.get(p.row())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Coupon writer could not store a batch of {}; left pending: {}", batch.size(), e.toString());
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
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
