package io.surge.lifecycle;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Who this instance is, once for every registry that names it: the rate-limit live-instance set
 * ({@code GET /api/admin/rate-limits}) and the consumer status ({@code GET /api/admin/consumers}) report the same id,
 * so an operator can follow one instance from one admin API to the other. Before, the first used the configured id or
 * a random UUID and the second {@code pid@host} plus a random suffix.
 */
@Component
public class Instance {

    private final String id;

    Instance(InstanceProperties settings) {
        this.id = settings.id().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-"
                        + UUID.randomUUID().toString().substring(0, 8)
                : settings.id();
    }

    /** {@code SURGE_INSTANCE_ID} when set (the stage sets {@code app1}…{@code app4}), else {@code pid@host-xxxxxxxx}. */
    public String id() {
        return id;
    }
}
