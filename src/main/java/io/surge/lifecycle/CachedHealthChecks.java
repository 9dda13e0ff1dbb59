package io.surge.lifecycle;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Mono;

/**
 * {@code /readyz} answers from checks at most {@code SURGE_READINESS_CACHE_TTL} (1 s) old: the MySQL, Redis and Kafka
 * indicators are wrapped so a probe within that time of the last one reuses its result, and concurrent probes share
 * one check. On main every hit (and {@code /readyz} is outside nginx's rate limit) ran a database validation, a Redis
 * PING and a Kafka cluster description. The readiness <em>state</em> (drain on shutdown) is not cached: it is a field
 * read, and turning DOWN must be seen at once.
 */
@Configuration(proxyBeanMethods = false)
class CachedHealthChecks {

    static final Set<String> CACHED = Set.of("db", "redis", "kafka");

    @Bean
    static BeanPostProcessor cachedHealthIndicators(Environment environment) {
        Duration ttl = environment.getProperty("surge.readiness.cache-ttl", Duration.class, Duration.ofSeconds(1));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (ttl.isZero() || !CACHED.contains(contributor(name))) {
                    return bean;
                }
                if (bean instanceof HealthIndicator indicator) {
                    return new Cached(indicator, ttl.toNanos());
                }
                if (bean instanceof ReactiveHealthIndicator reactive) { // Redis: Lettuce brings the reactive variant
                    return new CachedReactive(reactive, ttl.toNanos());
                }
                return bean;
            }
        };
    }

    /** {@code dbHealthContributor} -> {@code db}, as Boot names contributors. */
    static String contributor(String beanName) {
        for (String suffix : new String[] {"HealthIndicator", "HealthContributor"}) {
            if (beanName.endsWith(suffix) && beanName.length() > suffix.length()) {
                return beanName.substring(0, beanName.length() - suffix.length());
            }
        }
        return beanName;
    }

    /** One check per TTL, however many probes; a probe that finds a check running waits for its result. */
    static final class Cached implements HealthIndicator {

        private final HealthIndicator delegate;
        private final long ttlNanos;
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Health last;
        private volatile long checkedAt;

        Cached(HealthIndicator delegate, long ttlNanos) {
            this.delegate = delegate;
            this.ttlNanos = ttlNanos;
        }

        @Override
        public Health health(boolean includeDetails) {
            Health health = health();
            return includeDetails ? health : Health.status(health.getStatus()).build();
        }

        @Override
        public Health health() {
            Health cached = last;
            if (cached != null && System.nanoTime() - checkedAt < ttlNanos) {
                return cached;
            }
            lock.lock();
            try {
                if (last != null && System.nanoTime() - checkedAt < ttlNanos) {
                    return last;
                }
                Health fresh = delegate.health(true);
                checkedAt = System.nanoTime();
                last = fresh;
                return fresh;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The same for a reactive indicator: a result younger than the TTL is replayed instead of checking again. */
    static final class CachedReactive implements ReactiveHealthIndicator {

        private final ReactiveHealthIndicator delegate;
        private final long ttlNanos;
        private volatile Health last;
        private volatile long checkedAt;

        CachedReactive(ReactiveHealthIndicator delegate, long ttlNanos) {
            this.delegate = delegate;
            this.ttlNanos = ttlNanos;
        }

        @Override
        public Mono<Health> health() {
            Health cached = last;
            if (cached != null && System.nanoTime() - checkedAt < ttlNanos) {
                return Mono.just(cached);
            }
            return delegate.health().doOnNext(fresh -> {
                checkedAt = System.nanoTime();
                last = fresh;
            });
        }
    }
}
