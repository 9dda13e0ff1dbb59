package io.surge.messaging.kafka;

import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Probes MySQL once a second through the application's own pool (so a saturated pool counts as unhealthy, just as
 * it does for requests). Failing for {@code unhealthyAfter} pauses this instance's listeners instead of letting them
 * fail, retry and dead-letter records while MySQL is being scaled; healthy for {@code healthyAfter} resumes them.
 */
@Component
class MySqlWatch {

    private final JdbcClient jdbc;
    private final ConsumerControl control;
    private final ConsumerControlProperties properties;
    private Instant failingSince;
    private Instant healthySince = Instant.now();

    MySqlWatch(JdbcClient jdbc, ConsumerControl control, ConsumerControlProperties properties) {
        this.jdbc = jdbc;
        this.control = control;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${surge.consumers.probe-interval:1s}")
    void probe() {
        if (!properties.autoPause()) {
            return;
        }
        observe(healthy(), Instant.now());
    }

    void observe(boolean healthy, Instant now) {
        if (healthy) {
            failingSince = null;
            if (healthySince == null) {
                healthySince = now;
            }
            if (control.isAutoPaused() && lasted(healthySince, now, properties.healthyAfter())) {
                control.autoPause(false);
            }
        } else {
            healthySince = null;
            if (failingSince == null) {
                failingSince = now;
            }
            if (!control.isAutoPaused() && lasted(failingSince, now, properties.unhealthyAfter())) {
                control.autoPause(true);
            }
        }
    }

    private boolean healthy() {
        try {
            return jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean lasted(Instant since, Instant now, Duration period) {
        return !Duration.between(since, now).minus(period).isNegative();
    }
}
