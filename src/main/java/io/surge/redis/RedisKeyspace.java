package io.surge.redis;

import org.springframework.stereotype.Component;

/**
 * Prefixes every key this application writes, so a stage, a test run and production can share one Redis server
 * without touching each other's keys. Hash tags inside the key (e.g. {@code coupon:{42}:stock}) are kept intact.
 */
@Component
public class RedisKeyspace {

    private final String prefix;

    public RedisKeyspace(RedisProperties properties) {
        this.prefix = properties.keyPrefix() == null ? "" : properties.keyPrefix();
    }

    public String key(String key) {
        return prefix + key;
    }

    public String prefix() {
        return prefix;
    }
}
