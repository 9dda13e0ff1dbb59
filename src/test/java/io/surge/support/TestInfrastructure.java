package io.surge.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The one place tests get their MySQL and Redis from (see {@link TestServices} for how it chooses), plus the in-JVM
 * Kafka broker ({@link TestKafka}) and the external platform stand-in ({@link TestPlatform}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @ServiceConnection
    @Conditional(ContainersWanted.class)
    MySQLContainer mysqlContainer() {
        return new MySQLContainer("mysql:8.4").withCommand("--character-set-server=utf8mb4");
    }

    @Bean
    @ServiceConnection(name = "redis")
    @Conditional(ContainersWanted.class)
    GenericContainer<?> redisContainer() {
        return new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
    }

    @Bean
    static DynamicPropertyRegistrar surgeTestServices() {
        return registry -> {
            registry.add("surge.redis.key-prefix", TestServices::redisKeyPrefix);
            registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
            registry.add("surge.dispatch.platform-url", TestPlatform::url);
            if (!TestServices.useContainers()) {
                registry.add("spring.datasource.url", TestServices::localDatabaseUrl);
                registry.add("spring.datasource.username", TestServices::mysqlUser);
                registry.add("spring.datasource.password", TestServices::mysqlPassword);
                registry.add("spring.data.redis.host", TestServices::redisHost);
                registry.add("spring.data.redis.port", TestServices::redisPort);
            }
        };
    }

    static class ContainersWanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestServices.useContainers();
        }
    }
}
