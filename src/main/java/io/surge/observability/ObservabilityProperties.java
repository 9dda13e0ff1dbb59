package io.surge.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param memoryLimit the memory limit reported next to the instance's RSS ({@code SURGE_MEMORY_LIMIT}); empty: the
 *     cgroup's limit
 */
@Validated
@ConfigurationProperties("surge.observability")
public record ObservabilityProperties(DataSize memoryLimit) {}
