package io.surge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class PeriodicTaskTests {

    @Test
    void aPassThatThrowsDoesNotEndTheLoop() {
        AtomicInteger passes = new AtomicInteger();
        PeriodicTask task = PeriodicTask.start("test-loop", Duration.ofMillis(5), () -> {
            passes.incrementAndGet();
            throw new IllegalStateException("store down");
        });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 3);
            assertThat(passes.get()).isGreaterThanOrEqualTo(3);
        } finally {
            task.stop();
        }
    }

    @Test
    void noPassRunsAfterStop() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        PeriodicTask task = PeriodicTask.start("test-loop", Duration.ofMillis(5), passes::incrementAndGet);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() >= 1);
        task.stop();
        Thread.sleep(20); // a pass already running when stop() returned may still end
        int after = passes.get();
        Thread.sleep(100);
        assertThat(passes.get()).isEqualTo(after);
    }

    @Test
    void runsOnADaemonThreadOfItsOwnName() {
        var seen = new java.util.concurrent.atomic.AtomicReference<Thread>();
        PeriodicTask task =
                PeriodicTask.start("named-loop", Duration.ofMillis(5), () -> seen.set(Thread.currentThread()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> seen.get() != null);
            assertThat(seen.get().getName()).isEqualTo("named-loop");
            assertThat(seen.get().isDaemon()).isTrue();
        } finally {
            task.stop();
        }
    }
}
