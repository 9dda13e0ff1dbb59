package io.surge.bare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DigestUtils;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yardstick of load/per-core: Surge's issue script behind one Spring MVC endpoint and nothing else (no auth, no
 * MySQL, no admission control, no metrics). The member comes from the {@code X-Member-Id} header, which Surge
 * ignores; the script is read once (from {@code BARE_ISSUE_SCRIPT} or the classpath copy the build takes from the
 * application's resources) and run by SHA, as Surge runs it.
 */
@SpringBootApplication
@RestController
public class BareApp {

    private final StringRedisTemplate redis;
    private final Script issue;
    private final String prefix;

    BareApp(StringRedisTemplate redis) throws IOException {
        this.redis = redis;
        this.issue = Script.load(System.getenv().getOrDefault("BARE_ISSUE_SCRIPT", ""));
        this.prefix = System.getenv().getOrDefault("BARE_KEY_PREFIX", "bare:");
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }

    @GetMapping("/readyz")
    Map<String, String> ready() {
        return Map.of("status", "UP");
    }

    /** Prepares a campaign's state the way Surge's CampaignState.write does: window, stock, seq, holders "0". */
    @PostMapping("/campaigns/{couponId}")
    Map<String, Object> prepare(@PathVariable long couponId, @RequestParam long stock) {
        List<String> keys = keys(couponId);
        redis.delete(keys);
        long now = System.currentTimeMillis();
        redis.opsForSet().add(keys.get(1), "0");
        redis.opsForHash()
                .putAll(
                        keys.get(0),
                        Map.of(
                                "starts", Long.toString(now - 60_000),
                                "ends", Long.toString(now + 3_600_000),
                                "stock", Long.toString(stock),
                                "seq", "0"));
        redis.expire(keys.get(0), java.time.Duration.ofHours(2));
        redis.expire(keys.get(1), java.time.Duration.ofHours(2));
        return Map.of("couponId", couponId, "stock", stock);
    }

    @PostMapping("/api/coupons/{couponId}/issue")
    ResponseEntity<?> issue(@PathVariable long couponId, @RequestHeader("X-Member-Id") long memberId) {
        List<?> result = redis.execute(issue, keys(couponId), Long.toString(memberId));
        long code = ((Number) result.get(0)).longValue();
        if (code > 0) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Issued(couponId * 1_000_000_000L + code, couponId, memberId, Instant.now()));
        }
        String problem =
                switch ((int) code) {
                    case -4 -> "ALREADY_ISSUED";
                    case -5 -> "SOLD_OUT";
                    case -3 -> "NOT_OPEN";
                    default -> "UNAVAILABLE";
                };
        ProblemDetail detail = ProblemDetail.forStatus(HttpStatus.CONFLICT);
        detail.setProperty("code", problem);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(detail);
    }

    private List<String> keys(long couponId) {
        String tag = prefix + "coupon:{" + couponId + "}:";
        return List.of(tag + "state", tag + "holders", tag + "rebuild");
    }

    record Issued(long userCouponId, long couponId, long memberId, Instant issuedAt) {}

    /** Read once, SHA once (Spring's DefaultRedisScript re-checks its source on every call). */
    @SuppressWarnings("rawtypes")
    record Script(String text, String sha) implements RedisScript<List> {

        static Script load(String path) throws IOException {
            String text = path.isEmpty()
                    ? new ClassPathResource("scripts/coupon/issue.lua").getContentAsString(StandardCharsets.UTF_8)
                    : Files.readString(Path.of(path));
            return new Script(text, DigestUtils.sha1DigestAsHex(text));
        }

        @Override
        public String getSha1() {
            return sha;
        }

        @Override
        public Class<List> getResultType() {
            return List.class;
        }

        @Override
        public String getScriptAsString() {
            return text;
        }
    }
}
