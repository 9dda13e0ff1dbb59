package io.surge.support;

import io.surge.SurgeApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts extra application instances in this JVM on random ports, against this run's database and Redis, for tests
 * about what instances share (rate limits) or how one stops (graceful shutdown). Instances started with the same
 * {@code cluster} name share a Redis key prefix of their own, so instances of other test classes (cached contexts
 * that are still running) are not counted as their peers.
 */
public final class Instances {

    private Instances() {}

    public static String newCluster() {
        return "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ConfigurableApplicationContext start(String cluster, Map<String, Object> properties) {
        Assumptions.assumeFalse(
                TestServices.useContainers(), "extra instances run against the local services (this CI has no Docker)");
        Map<String, Object> all = new HashMap<>();
        all.put("server.port", 0);
        all.put("spring.datasource.url", TestServices.localDatabaseUrl());
        all.put("spring.datasource.username", TestServices.mysqlUser());
        all.put("spring.datasource.password", TestServices.mysqlPassword());
        all.put("spring.data.redis.host", TestServices.redisHost());
        all.put("spring.data.redis.port", TestServices.redisPort());
        all.put("surge.redis.key-prefix", TestServices.redisKeyPrefix() + cluster + ":");
        all.put("spring.datasource.hikari.minimum-idle", 1);
        all.putAll(properties);
        // As command-line arguments: they outrank application.yml (default properties would not).
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SurgeApplication.class)
                .profiles("test")
                .run(args);
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
