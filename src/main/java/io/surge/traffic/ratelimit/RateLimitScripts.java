package io.surge.traffic.ratelimit;

import io.surge.redis.LoadedScript;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts, read once and run by SHA ({@link LoadedScript}: no per-call lock or source check). */
@Configuration(proxyBeanMethods = false)
class RateLimitScripts {

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    RedisScript<List<Long>> tokenBucketScript() {
        return (RedisScript) LoadedScript.fromClasspath("scripts/ratelimit/token_bucket.lua", List.class);
    }

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    RedisScript<List<Long>> loginReserveScript() {
        return (RedisScript) LoadedScript.fromClasspath("scripts/ratelimit/login_reserve.lua", List.class);
    }

    @Bean
    RedisScript<Long> loginRefundScript() {
        return LoadedScript.fromClasspath("scripts/ratelimit/login_refund.lua", Long.class);
    }

    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    RedisScript<List<Long>> rateLimitSyncScript() {
        return (RedisScript) LoadedScript.fromClasspath("scripts/ratelimit/sync.lua", List.class);
    }
}
