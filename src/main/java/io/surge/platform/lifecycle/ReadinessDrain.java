package io.surge.platform.lifecycle;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first step of shutdown: readiness goes DOWN, then the instance keeps serving for the drain delay so the load
 * balancer routes new requests elsewhere; only then does the web server's graceful shutdown stop accepting and wait
 * for in-flight requests ({@code server.shutdown=graceful}, bounded by
 * {@code spring.lifecycle.timeout-per-shutdown-phase}). Runs in the highest phase, so it stops before everything else.
 */
@Component
class ReadinessDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadinessDrain.class);

    private final ApplicationContext context;
    private final Duration drainDelay;
    private volatile boolean running;

    ReadinessDrain(ApplicationContext context, ShutdownProperties properties) {
        this.context = context;
        this.drainDelay = properties.drainDelay();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        if (drainDelay.isPositive()) {
            log.info("Readiness is DOWN; serving for {} more before the web server drains", drainDelay);
            try {
                Thread.sleep(drainDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
