package io.surge.member;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param passwordHashCost bcrypt log2 cost; 10 costs ~57 ms per hash on a 2-core box, and load runs state the cost
 *     they used
 * @param adminEmail account created or promoted to ADMIN at start-up; none when blank
 * @param adminPassword its password, from env only
 * @param adminName its display name
 * @param passwordHashConcurrency most password hashes running at once on this instance (0: half the CPUs, at least one); beyond it
 *     signups and logins wait up to {@code passwordHashMaxWait}, then get a fast 429
 * @param passwordHashMaxWait longest wait for a hashing permit (this instance's and the cluster's together)
 * @param passwordHashClusterConcurrency most password hashes running at once across all instances sharing the Redis
 *     (0: no cluster-wide bound); for instances that share cores, e.g. half the cores of the box
 */
@Validated
@ConfigurationProperties("surge.member")
public record MemberProperties(
        @Min(4) @Max(31) @DefaultValue("10") int passwordHashCost,
        String adminEmail,
        String adminPassword,
        @DefaultValue("Surge Admin") String adminName,
        @Min(0) @DefaultValue("0") int passwordHashConcurrency,
        @NotNull @DefaultValue("50ms") Duration passwordHashMaxWait,
        @Min(0) @DefaultValue("0") int passwordHashClusterConcurrency) {}
