package io.surge.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * The instance's resident memory against the limit it runs under, the figure an OOM kill is decided on (heap gauges
 * miss metaspace, code cache, thread stacks and malloc). The limit is {@code surge.observability.memory-limit} when
 * set (the native stage has no cgroup limit per process), else the container's cgroup limit; without either only the
 * RSS is exported.
 */
@Component
class ProcessMemoryMetrics implements MeterBinder {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final List<Path> CGROUP_LIMITS =
            List.of(Path.of("/sys/fs/cgroup/memory.max"), Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    private static final long NO_LIMIT = 1L << 60;

    private final ObservabilityProperties properties;

    ProcessMemoryMetrics(ObservabilityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!Files.isReadable(STATUS)) {
            return;
        }
        Gauge.builder("surge.process.memory.rss", ProcessMemoryMetrics::residentBytes)
                .baseUnit("bytes")
                .description("resident set size of this instance (VmRSS)")
                .register(registry);
        OptionalLong limit = properties.memoryLimit() != null
                ? OptionalLong.of(properties.memoryLimit().toBytes())
                : cgroupLimit();
        limit.ifPresent(bytes -> Gauge.builder("surge.process.memory.limit", () -> bytes)
                .baseUnit("bytes")
                .description("memory this instance may use before it is killed (configured or cgroup limit)")
                .register(registry));
    }

    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static OptionalLong cgroupLimit() {
        for (Path file : CGROUP_LIMITS) {
            try {
                String value = Files.readString(file).strip();
                if (value.matches("\\d+") && Long.parseLong(value) < NO_LIMIT) {
                    return OptionalLong.of(Long.parseLong(value));
                }
            } catch (IOException | NumberFormatException | UnsupportedOperationException ignored) {
                // not in a cgroup with a memory limit: try the next layout
            }
        }
        return OptionalLong.empty();
    }
}
