package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.surge.traffic.ProtectionMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The early refusal of a hash flood (pure unit: no Redis, the cluster budget off). A caller is refused before its
 * database lookup once the callers already waiting for a permit fill the wait; while the queue has room it goes on to
 * wait as before.
 */
class PasswordHashingQueueTests {

    // ~450 ms a hash here (cost 10 ~57 ms): longer than the wait even on a box twice as fast, so one waiter fills it
    private static final int COST = 13;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PasswordHashing hashing = new PasswordHashing(
            new MemberProperties(COST, null, null, "admin", 1, Duration.ofMillis(200), 0),
            new ClusterHashBudget(null, "unused", 0, Duration.ofSeconds(5)),
            new ProtectionMetrics(registry),
            registry);

    @Test
    void admitsEveryCallerUntilAHashHasBeenTimed() {
        assertThatCode(hashing::refuseWhenQueueIsFull).doesNotThrowAnyException();
    }

    @Test
    void refusesBeforeTheLookupWhenTheWaitersAheadCannotStartWithinTheWait() throws Exception {
        hashing.hash(
                "first-password-1"); // one hash timed: longer than the 200 ms wait, so one waiter is all it can serve
        assertThatCode(hashing::refuseWhenQueueIsFull).as("nobody waits yet").doesNotThrowAnyException();

        CountDownLatch holding = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            pool.submit(() -> {
                holding.countDown();
                return hashing.hash("holder-password-1");
            });
            holding.await();
            // the second caller queues behind the holder (and is refused by its own 200 ms wait later)
            pool.submit(() -> {
                try {
                    return hashing.hash("waiter-password-1");
                } catch (PasswordHashingBusy refused) {
                    return null;
                }
            });
            awaitQueueLength(1);

            double rejectedBefore = rejected();
            assertThatThrownBy(hashing::refuseWhenQueueIsFull)
                    .isInstanceOf(PasswordHashingBusy.class)
                    .satisfies(e ->
                            assertThat(((PasswordHashingBusy) e).retryAfter()).isEqualTo(Duration.ofSeconds(1)));
            assertThat(rejected())
                    .as("counted (the waiter may time out meanwhile)")
                    .isGreaterThanOrEqualTo(rejectedBefore + 1);
        }
    }

    @Test
    void aStartUpHashWaitsItsTurnInsteadOfFailing() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(1)) {
            var holder = pool.submit(() -> {
                holding.countDown();
                return hashing.hash("holder-password-1");
            });
            holding.await();
            awaitActive(1);
            // a plain hash is refused after its 200 ms wait; the patient one asks again until the holder is done
            assertThatThrownBy(() -> hashing.hash("refused-password-1")).isInstanceOf(PasswordHashingBusy.class);
            String hash = hashing.hashPatiently("admin-password-1", Duration.ofSeconds(30));
            assertThat(hashing.matches("admin-password-1", hash)).isTrue();
            holder.get();
        }
    }

    private void awaitActive(int hashes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registry.get("surge.member.password.hashes.active").gauge().value() < hashes) {
            assertThat(System.nanoTime()).as("a hash holds the permit").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private void awaitQueueLength(int length) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (registry.get("surge.member.password.hashes.waiting").gauge().value() < length) {
            assertThat(System.nanoTime()).as("a caller queued for the permit").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private double rejected() {
        return registry.get(ProtectionMetrics.METER)
                .tag("name", "bcrypt")
                .tag("outcome", "rejected")
                .counter()
                .count();
    }
}
