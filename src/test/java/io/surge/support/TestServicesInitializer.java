package io.surge.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts this run's service addresses and Redis key prefix into the environment before the context refreshes. The
 * {@code DynamicPropertyRegistrar} in {@link TestInfrastructure} is applied only once regular singletons are being
 * created, after the embedded web server has already built its filters and whatever they depend on (e.g. the
 * {@code RedisKeyspace}): those beans saw no prefix, and a test context wrote unprefixed Redis keys.
 */
public class TestServicesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("surge.redis.key-prefix", TestServices.redisKeyPrefix());
        properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
        properties.put("surge.dispatch.platform-url", TestPlatform.url());
        if (!TestServices.useContainers()) {
            properties.put("spring.datasource.url", TestServices.localDatabaseUrl());
            properties.put("spring.datasource.username", TestServices.mysqlUser());
            properties.put("spring.datasource.password", TestServices.mysqlPassword());
            properties.put("spring.data.redis.host", TestServices.redisHost());
            properties.put("spring.data.redis.port", TestServices.redisPort());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("surgeTestServices", properties));
    }
}
