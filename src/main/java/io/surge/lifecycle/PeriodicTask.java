package io.surge.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop on a daemon thread of its own, run at a fixed delay between passes. Each of Surge's sync loops
 * (rate-limit heartbeat, token revocations, the coupon settler) gets its own thread on purpose: a pass that hangs on
 * a slow Redis or MySQL delays only its own loop, never another's. A pass that throws is logged and the loop goes on;
 * a bare {@code scheduleWithFixedDelay} would stop repeating after the first exception, silently.
 */
public final class PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final ScheduledExecutorService executor;

    private PeriodicTask(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** First pass after one {@code delay}, then {@code delay} after the end of each pass. */
    public static PeriodicTask start(String threadName, Duration delay, Runnable pass) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(threadName).daemon(true).factory());
        long millis = Math.max(1, delay.toMillis());
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        pass.run();
                    } catch (RuntimeException e) {
                        log.warn("{} pass failed, the next one runs as scheduled: {}", threadName, e.toString());
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
        return new PeriodicTask(executor);
    }

    /** Interrupts a pass in progress; no pass starts after this returns. */
    public void stop() {
        executor.shutdownNow();
    }
}
