package io.surge.platform.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts, read once into memory and run by SHA (a resource-backed script re-reads the jar per call). */
@Configuration(proxyBeanMethods = false)
class RateLimitScripts {

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    RedisScript<List<Long>> tokenBucketScript() {
        return new DefaultRedisScript(read("scripts/ratelimit/token_bucket.lua"), List.class);
    }

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    RedisScript<List<Long>> rateLimitSyncScript() {
        return new DefaultRedisScript(read("scripts/ratelimit/sync.lua"), List.class);
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
