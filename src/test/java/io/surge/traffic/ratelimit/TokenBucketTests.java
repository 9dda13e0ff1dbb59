package io.surge.traffic.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTests {

    static final long SECOND = 1_000_000_000L;

    @Test
    void startsFullThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket();
        long now = 0;

        assertThat(bucket.tryTake(3, 2, now)).isEqualTo(2);
        assertThat(bucket.tryTake(3, 2, now)).isEqualTo(1);
        assertThat(bucket.tryTake(3, 2, now)).isEqualTo(0);
        long refused = bucket.tryTake(3, 2, now);
        assertThat(refused).isNegative();
        assertThat(-1 - refused).as("nanos until one token at 2/s").isEqualTo(SECOND / 2);

        assertThat(bucket.tryTake(3, 2, now + SECOND / 2)).isZero();
        assertThat(bucket.tryTake(3, 2, now + SECOND / 2)).isNegative();
    }

    @Test
    void neverHoldsMoreThanTheCurrentCapacity() {
        TokenBucket bucket = new TokenBucket();
        bucket.tryTake(10, 1, 0);

        // A second instance joined: the share halves; an idle hour refills only up to the new capacity.
        assertThat(bucket.tryTake(5, 0.5, 3600 * SECOND)).isEqualTo(4);
    }

    @Test
    void decisionsExposeTheIetfPolicyWindow() {
        assertThat(new LimitSettings(10, 2, true).windowSeconds()).isEqualTo(5);
        assertThat(new LimitSettings(10, 100, true).windowSeconds()).isEqualTo(1);
    }
}
