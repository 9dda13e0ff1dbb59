package io.surge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.BenchmarkReport;
import io.surge.support.Instances;
import io.surge.support.Tokens;
import io.surge.traffic.ratelimit.RateLimiter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What the protection checks cost per request, in CPU time of the calling thread: the admission filter and the rate
 * limit filter on the coupon-issue route as configured (member and global LOCAL buckets plus the per-member API
 * bucket), measured in-process against the real beans with 2,000 members rotating. Thread CPU time, unlike requests
 * per second, barely moves with what else a shared box runs. For scale it also measures what every request pays
 * anyway (HS256 token decode) and what a REDIS-mode check would add (one Lua round trip, wall time).
 *
 * <p>Run: {@code ./mvnw verify -Pbenchmark -Dtest=ProtectionOverheadBenchmark}.
 */
@Tag("benchmark")
class ProtectionOverheadBenchmark {

    static final int MEMBERS = 2_000;
    static final int ITERATIONS = Integer.getInteger("bench.iterations", 400_000);
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void perRequestCostOfTheChecks() throws Exception {
        ConfigurableApplicationContext app = Instances.start(
                Instances.newCluster(),
                Map.of(
                        "logging.level.root",
                        "warn",
                        "surge.rate-limit.limits.coupon-issue-member.capacity",
                        1_000_000_000L,
                        "surge.rate-limit.limits.coupon-issue-member.refill-per-second",
                        1e9,
                        "surge.rate-limit.limits.coupon-issue-global.capacity",
                        1_000_000_000L,
                        "surge.rate-limit.limits.coupon-issue-global.refill-per-second",
                        1e9,
                        "surge.rate-limit.limits.bench-redis.route",
                        "GET /bench/never",
                        "surge.rate-limit.limits.bench-redis.scope",
                        "member",
                        "surge.rate-limit.limits.bench-redis.mode",
                        "redis",
                        "surge.rate-limit.limits.bench-redis.capacity",
                        1_000_000_000L,
                        "surge.rate-limit.limits.bench-redis.refill-per-second",
                        1e9));
        try {
            Filter admission = app.getBean("admissionFilter", Filter.class);
            Filter rateLimit = app.getBean("rateLimitFilter", Filter.class);
            RateLimiter limiter = app.getBean(RateLimiter.class);
            JwtDecoder decoder = app.getBean(JwtDecoder.class);
            Tokens tokens = new Tokens(app.getBean(JwtEncoder.class));
            List<String> raw = new ArrayList<>();
            List<JwtAuthenticationToken> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String token = tokens.member(1_000_000 + i);
                raw.add(token);
                Jwt jwt = decoder.decode(token);
                members.add(new JwtAuthenticationToken(jwt, List.of(), jwt.getSubject()));
            }
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/coupons/42/issue");
            FilterChain served = (req, res) -> {};

            BenchmarkReport report = new BenchmarkReport("traffic-protection-overhead")
                    .context("iterations", ITERATIONS)
                    .context("members", MEMBERS)
                    .context("measure", "CPU time of the calling thread per request, after an equal warm-up");
            long admissionNs = measure(i -> admission.doFilter(request, new MockHttpServletResponse(), served));
            long rateLimitNs = measure(i -> {
                SecurityContextHolder.getContext().setAuthentication(members.get(i % MEMBERS));
                rateLimit.doFilter(request, new MockHttpServletResponse(), served);
            });
            long bothNs = measure(i -> {
                SecurityContextHolder.getContext().setAuthentication(members.get(i % MEMBERS));
                admission.doFilter(
                        request, new MockHttpServletResponse(), (req, res) -> rateLimit.doFilter(req, res, served));
            });
            long baselineNs = measure(i -> {
                SecurityContextHolder.getContext().setAuthentication(members.get(i % MEMBERS));
                new MockHttpServletResponse();
            });
            long decodeNs = measure(i -> decoder.decode(raw.get(i % MEMBERS)));
            long[] redis = measureWall(20_000, i -> limiter.check("bench-redis", Integer.toString(i % MEMBERS)));
            SecurityContextHolder.clearContext();

            row(report, "admission filter (acquire + release)", "cpu", admissionNs - baselineNs);
            row(report, "rate-limit filter, coupon route (3 LOCAL buckets)", "cpu", rateLimitNs - baselineNs);
            row(report, "both, as on every coupon issue", "cpu", bothNs - baselineNs);
            row(report, "for scale: HS256 token decode (paid anyway)", "cpu", decodeNs);
            row(report, "for scale: one REDIS-mode check (Lua round trip)", "cpu", redis[0]);
            row(report, "for scale: one REDIS-mode check (Lua round trip)", "wall", redis[1]);
            report.write();
            assertThat(bothNs).isPositive();
        } finally {
            app.close();
        }
    }

    static void row(BenchmarkReport report, String check, String kind, long nanos) {
        report.row("check", check, "time", kind, "ns_per_request", nanos, "us_per_request", nanos / 1000.0);
    }

    /** CPU ns per call, after a warm-up of the same length. */
    static long measure(Body body) throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            body.run(i);
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ITERATIONS; i++) {
            body.run(i);
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / ITERATIONS;
    }

    /** {CPU ns, wall ns} per call for calls that wait on I/O. */
    static long[] measureWall(int iterations, Body body) throws Exception {
        for (int i = 0; i < iterations; i++) {
            body.run(i);
        }
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            body.run(i);
        }
        return new long[] {
            (THREADS.getCurrentThreadCpuTime() - cpu) / iterations, (System.nanoTime() - wall) / iterations
        };
    }

    @FunctionalInterface
    interface Body {
        void run(int i) throws Exception;
    }
}
