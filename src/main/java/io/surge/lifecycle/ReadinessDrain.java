package io.surge.lifecycle;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * The first step of shutdown: readiness goes DOWN, then the instance keeps serving for the drain delay so the load
 * balancer routes new requests elsewhere; only then do the lifecycle beans stop, starting with the web server's
 * graceful shutdown, which stops accepting and waits for in-flight requests ({@code server.shutdown=graceful}, bounded
 * by {@code spring.lifecycle.timeout-per-shutdown-phase}).
 *
 * <p>A {@link ContextClosedEvent} listener rather than a lifecycle bean: the close event is published before any
 * lifecycle bean stops, and it is not sent when the test framework merely pauses a cached context.
 */
@Component
class ReadinessDrain implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ReadinessDrain.class);

    private final Duration drainDelay;

    ReadinessDrain(ShutdownProperties properties) {
        this.drainDelay = properties.drainDelay();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
        if (drainDelay.isPositive()) {
            log.info("Readiness is DOWN; serving for {} more before the web server drains", drainDelay);
            try {
                Thread.sleep(drainDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
