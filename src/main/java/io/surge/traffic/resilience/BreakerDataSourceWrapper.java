package io.surge.traffic.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.surge.traffic.ProtectionMetrics;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wraps the application's DataSource in {@link BreakerDataSource} (Hikari stays reachable through unwrapping). */
@Configuration(proxyBeanMethods = false)
class BreakerDataSourceWrapper {

    @Bean
    static BeanPostProcessor mysqlBreakerDataSource(
            ObjectProvider<CircuitBreakerRegistry> registry,
            ObjectProvider<ProtectionMetrics> metrics,
            ObjectProvider<ResilienceProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource
                        && !(bean instanceof BreakerDataSource)
                        && properties.getObject().enabled()) {
                    return new BreakerDataSource(
                            dataSource,
                            registry.getObject().circuitBreaker(Breakers.MYSQL, Breakers.MYSQL),
                            metrics.getObject());
                }
                return bean;
            }
        };
    }
}
