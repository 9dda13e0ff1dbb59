package io.surge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.surge.support.BenchmarkReport;
import io.surge.support.Tokens;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * What the token checks added by the security issue (issuer, audience, numeric subject, roles shape, the member's
 * token version) cost on the coupon path, in CPU time of the calling thread per decode: the whole decode with no
 * revocation known and with 100,000 members revoked, and the version lookup alone (one hash-map probe, no I/O: the
 * map is synced from Redis in the background). Compare with a coupon request's ~1 ms of CPU on the stage.
 *
 * <p>Run: {@code ./mvnw verify -Pbenchmark -Dtest=TokenDecodeBenchmark}.
 */
@Tag("benchmark")
class TokenDecodeBenchmark {

    static final int MEMBERS = 2_000;
    static final int ITERATIONS = Integer.getInteger("bench.iterations", 400_000);
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void perDecodeCostWithAndWithoutRevocations() {
        SecretKey key = new SecretKeySpec(
                "bench-key-of-at-least-32-bytes-for-hs256!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        Tokens tokens = new Tokens(new NimbusJwtEncoder(new ImmutableSecret<>(key)));
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            raw.add(tokens.member(1_000_000 + i));
        }
        Map<Long, Long> none = new HashMap<>();
        Map<Long, Long> many = new HashMap<>();
        for (long m = 0; m < 100_000; m++) {
            many.put(5_000_000 + m, 3L);
        }
        HmacJwtDecoder plain = new HmacJwtDecoder(key, "surge", "surge-api", id -> none.getOrDefault(id, 0L));
        HmacJwtDecoder revoked = new HmacJwtDecoder(key, "surge", "surge-api", id -> many.getOrDefault(id, 0L));

        long plainNs = measure(i -> plain.decode(raw.get(i % MEMBERS)));
        long revokedNs = measure(i -> revoked.decode(raw.get(i % MEMBERS)));
        long lookupNs = measure(i -> many.getOrDefault(5_000_000L + (i % 200_000), 0L));

        BenchmarkReport report = new BenchmarkReport("token-decode")
                .context("iterations", ITERATIONS)
                .context("members", MEMBERS)
                .context("measure", "CPU time of the calling thread per decode, after an equal warm-up");
        report.row("decode", "HS256 + iss/aud/sub/roles/ver checks, no revocations", "ns_per_decode", plainNs);
        report.row("decode", "the same with 100,000 members revoked", "ns_per_decode", revokedNs);
        report.row("decode", "the version lookup alone (100,000 entries)", "ns_per_decode", lookupNs);
        report.write();
        assertThat(plainNs).isPositive();
    }

    static long measure(IntConsumer work) {
        for (int i = 0; i < ITERATIONS / 2; i++) {
            work.accept(i);
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ITERATIONS; i++) {
            work.accept(i);
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / ITERATIONS;
    }
}
