package io.surge.support;

import io.surge.SurgeApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a whole extra application instance (not a cached test context) against this run's services, for tests
 * that stop and restart the system. Properties go in as command-line arguments, so they beat application.yml;
 * those given override the shared ones.
 */
public final class TestApps {

    private TestApps() {}

    public static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        return start(overrides, context -> {});
    }

    /** As {@link #start(Map)}, with an initializer that sees the context before its beans exist. */
    public static ConfigurableApplicationContext start(
            Map<String, Object> overrides, ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        if (TestServices.useContainers()) {
            throw new IllegalStateException("TestApps runs against local services only");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", TestServices.localDatabaseUrl());
        properties.put("spring.datasource.username", TestServices.mysqlUser());
        properties.put("spring.datasource.password", TestServices.mysqlPassword());
        properties.put("spring.data.redis.host", TestServices.redisHost());
        properties.put("spring.data.redis.port", TestServices.redisPort());
        properties.put("surge.redis.key-prefix", TestServices.redisKeyPrefix());
        properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        properties.put("surge.dispatch.platform-url", TestPlatform.url());
        properties.putAll(overrides);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SurgeApplication.class)
                .profiles("test")
                .initializers(initializer)
                .run(args);
    }
}
