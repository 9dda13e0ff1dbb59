package io.surge.catalog;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One cache per query shape, each with its own TTL; keys are per id or per query, never one key for everything. */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CatalogCaching {

    static final String PRODUCT = "catalog.product";
    static final String PAGE = "catalog.page";
    static final String TOP = "catalog.top";

    @Bean
    CacheManager catalogCacheManager(CatalogProperties properties) {
        CaffeineCacheManager manager = new CaffeineCacheManager();
        manager.registerCustomCache(PRODUCT, cache(properties.productTtl(), properties.cacheMaxEntries()));
        manager.registerCustomCache(PAGE, cache(properties.listTtl(), properties.cacheMaxEntries()));
        manager.registerCustomCache(TOP, cache(properties.topTtl(), 1000));
        return manager;
    }

    private static com.github.benmanes.caffeine.cache.Cache<Object, Object> cache(Duration ttl, long maxEntries) {
        return Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .recordStats()
                .build();
    }
}
