package io.surge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@IntegrationTest
class ReadinessCacheIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private static void record(Map<String, Boolean> cached, String name, Object bean) {
        String contributor = CachedHealthChecks.contributor(name);
        if (CachedHealthChecks.CACHED.contains(contributor)) {
            cached.put(
                    contributor,
                    bean instanceof CachedHealthChecks.Cached || bean instanceof CachedHealthChecks.CachedReactive);
        }
    }

    @Test
    void theMySqlRedisAndKafkaChecksBehindReadyzAreCached() {
        Map<String, Boolean> cached = new TreeMap<>();
        context.getBeansOfType(HealthContributor.class).forEach((name, bean) -> record(cached, name, bean));
        context.getBeansOfType(ReactiveHealthContributor.class).forEach((name, bean) -> record(cached, name, bean));

        assertThat(cached).containsExactlyInAnyOrderEntriesOf(Map.of("db", true, "redis", true, "kafka", true));
        Api api = new Api(port);
        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/readyz", null).status()).isEqualTo(200);
        }
    }
}
