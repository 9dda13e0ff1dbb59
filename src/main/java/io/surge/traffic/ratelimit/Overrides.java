package io.surge.traffic.ratelimit;

import io.surge.redis.RedisKeyspace;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runtime overrides live in one Redis hash (limit name to settings JSON) with a version counter next to it; every
 * instance's heartbeat reads the version and reloads the hash when it moved. Overrides outlive restarts until reset,
 * so a restarted instance does not fall back to stale boot values while its peers enforce the override.
 */
@Component
class Overrides {

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String hashKey;
    private final String versionKey;

    Overrides(StringRedisTemplate redis, JsonMapper json, RedisKeyspace keyspace) {
        this.redis = redis;
        this.json = json;
        this.hashKey = keyspace.key("ratelimit:{config}:overrides");
        this.versionKey = keyspace.key("ratelimit:{config}:version");
    }

    String versionKey() {
        return versionKey;
    }

    Map<String, LimitSettings> load() {
        Map<Object, Object> raw = redis.opsForHash().entries(hashKey);
        Map<String, LimitSettings> settings = new HashMap<>();
        raw.forEach((name, value) -> settings.put((String) name, json.readValue((String) value, LimitSettings.class)));
        return settings;
    }

    void put(Map<String, LimitSettings> changes) {
        Map<String, String> encoded = new HashMap<>();
        changes.forEach((name, value) -> encoded.put(name, json.writeValueAsString(value)));
        redis.opsForHash().putAll(hashKey, encoded);
        redis.opsForValue().increment(versionKey);
    }

    void remove(String name) {
        redis.opsForHash().delete(hashKey, name);
        redis.opsForValue().increment(versionKey);
    }
}
