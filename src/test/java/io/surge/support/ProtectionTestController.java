package io.surge.support;

import io.surge.redis.RedisKeyspace;
import io.surge.traffic.resilience.Breakers;
import java.util.Map;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only routes (on the test classpath only) for the traffic-protection tests and benchmark: a slow handler, a
 * handler that costs nothing but the token check, one that makes one Redis round trip like coupon issue, and a
 * dependency call through a circuit breaker.
 */
@RestController
public class ProtectionTestController {

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final Breakers breakers;

    ProtectionTestController(StringRedisTemplate redis, RedisKeyspace keyspace, Breakers breakers) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.breakers = breakers;
    }

    @GetMapping("/test/slow")
    Map<String, Object> slow(@RequestParam long ms) throws InterruptedException {
        Thread.sleep(ms);
        return Map.of("slept", ms);
    }

    @GetMapping({"/test/ping", "/test/member-ping", "/test/ip-ping", "/test/tunable"})
    Map<String, Object> ping(Authentication authentication) {
        return Map.of("member", authentication.getName());
    }

    @GetMapping("/test/issue")
    Map<String, Object> issue(Authentication authentication) {
        Long count = breakers.call(Breakers.REDIS, () -> redis.opsForValue().increment(keyspace.key("test:issue")));
        return Map.of("member", authentication.getName(), "count", count);
    }

    @GetMapping("/test/dependency")
    Map<String, Object> dependency(@RequestParam boolean fail, @RequestParam(defaultValue = "0") long ms) {
        return breakers.call("test-dependency", () -> {
            sleep(ms);
            if (fail) {
                throw new DataAccessResourceFailureException("dependency down (test)");
            }
            return Map.of("ok", true);
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
