package io.surge.member;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.surge.traffic.ProtectionMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt at the configured cost, within a per-instance budget: at most {@code SURGE_PASSWORD_HASH_CONCURRENCY}
 * hashes run at once (default: half the CPUs, at least one), and, when {@code SURGE_PASSWORD_HASH_CLUSTER_CONCURRENCY}
 * is set, at most that many across the cluster ({@link ClusterHashBudget}). A caller waits at most
 * {@code SURGE_PASSWORD_HASH_MAX_WAIT} for both and is otherwise refused ({@link PasswordHashingBusy}, a fast 429), so a
 * signup or login flood can hold at most that many cores and every other route keeps its CPU. Unknown emails are checked against a dummy hash of the same
 * cost (inside the same budget), so a login for a missing account takes as long as one with a wrong password and
 * timing reveals nothing.
 *
 * <p>A flood is refused before it costs anything else: {@link #refuseWhenQueueIsFull()} refuses a caller when the
 * hashes already waiting could not all start within the wait, so it skips its database lookup (a cost-4 flood on one
 * core spent most of its CPU on refusals, each one an email lookup; docs/performance.md, goal 7).
 */
@Component
class PasswordHashing {

    /** bcrypt ignores everything past 72 bytes; longer passwords are refused rather than silently truncated. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;
    private final Semaphore permits;
    private final int concurrency;
    /** Wall time a hash held its permit lately (exponentially weighted; 0 until the first hash). */
    private final AtomicLong recentHoldNanos = new AtomicLong();

    private final long maxWaitNanos;
    private final Duration retryAfter = Duration.ofSeconds(1);
    private final ClusterHashBudget cluster;
    private final Counter admitted;
    private final Counter rejected;
    private final Counter rejectedByCluster;

    PasswordHashing(
            MemberProperties properties, ClusterHashBudget cluster, ProtectionMetrics metrics, MeterRegistry registry) {
        this.encoder = new BCryptPasswordEncoder(properties.passwordHashCost());
        this.dummyHash = encoder.encode("surge-timing-equaliser");
        this.concurrency = properties.passwordHashConcurrency() > 0
                ? properties.passwordHashConcurrency()
                : defaultConcurrency(Runtime.getRuntime().availableProcessors());
        this.permits = new Semaphore(concurrency, true);
        this.maxWaitNanos = properties.passwordHashMaxWait().toNanos();
        this.cluster = cluster;
        this.admitted = metrics.admitted(PasswordHashingBusy.REASON, "bcrypt");
        this.rejected = metrics.rejected(PasswordHashingBusy.REASON, "bcrypt");
        this.rejectedByCluster = metrics.rejected(PasswordHashingBusy.REASON, "bcrypt-cluster");
        Gauge.builder("surge.member.password.hashes.active", () -> concurrency - permits.availablePermits())
                .description("bcrypt hashes or checks running right now (bounded by the per-instance budget)")
                .register(registry);
        Gauge.builder("surge.member.password.hashes.waiting", permits::getQueueLength)
                .description("signups and logins waiting for a hashing permit (bounded by what the wait can serve)")
                .register(registry);
    }

    /**
     * Half the CPUs, at least one: with one hash per CPU a flood still took every core of the 2-core stage box
     * (docs/security.md, measurements); half leaves the other routes at least the rest.
     */
    static int defaultConcurrency(int cpus) {
        return Math.max(1, cpus / 2);
    }

    /**
     * Refuses ({@link PasswordHashingBusy}) a caller the queue cannot serve before it does any other work: when the
     * callers already waiting for a permit fill the wait (each permit serves {@code maxWait / recent hold} of them;
     * at least one may always wait). The refusal still comes after the wait a queued caller would have had, spent
     * parked: answering at once let a client that retries at once spin on the core the hash needs (at cost 10, 4
     * connections on one core: accepted signups 10.4 -> 5.6/s, docs/performance.md goal 7).
     */
    void refuseWhenQueueIsFull() {
        long hold = recentHoldNanos.get();
        if (hold == 0) {
            return;
        }
        long servable = Math.max(1, concurrency * maxWaitNanos / hold);
        if (permits.getQueueLength() >= servable) {
            rejected.increment();
            try {
                TimeUnit.NANOSECONDS.sleep(maxWaitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw PasswordHashingBusy.retryAfter(retryAfter);
        }
    }

    String hash(String password) {
        return budgeted(() -> encoder.encode(password));
    }

    /**
     * A hash that answers no request (the admin account at start-up): it takes its turn in the same budget, waiting
     * up to {@code patience} for the permit and the cluster's lease instead of the request's wait. Four instances starting at once share the cluster's lease with any
     * signup wave already running, and one refusal would otherwise fail the start (seen on the native stage).
     */
    String hashPatiently(String password, Duration patience) {
        return budgeted(() -> encoder.encode(password), patience.toNanos());
    }

    boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            budgeted(() -> encoder.matches("x", dummyHash));
            return false;
        }
        return budgeted(() -> encoder.matches(password, hash));
    }

    void burnEquivalentTime(String password) {
        budgeted(() -> encoder.matches(password.length() > MAX_PASSWORD_BYTES ? "x" : password, dummyHash));
    }

    /** This instance's permit first (no Redis call while it is full), then the cluster's lease, both within one wait. */
    private <T> T budgeted(Supplier<T> work) {
        return budgeted(work, maxWaitNanos);
    }

    private <T> T budgeted(Supplier<T> work, long waitNanos) {
        long deadline = System.nanoTime() + waitNanos;
        boolean acquired;
        try {
            acquired = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            rejected.increment();
            throw PasswordHashingBusy.retryAfter(retryAfter);
        }
        long heldSince = System.nanoTime();
        try {
            ClusterHashBudget.Lease lease = cluster.take(deadline);
            if (lease == null) {
                rejectedByCluster.increment();
                throw PasswordHashingBusy.retryAfter(retryAfter);
            }
            try {
                admitted.increment();
                return work.get();
            } finally {
                cluster.giveBack(lease);
            }
        } finally {
            permits.release();
            long held = System.nanoTime() - heldSince;
            recentHoldNanos.accumulateAndGet(
                    held, (recent, sample) -> recent == 0 ? sample : recent + (sample - recent) / 8);
        }
    }
}
