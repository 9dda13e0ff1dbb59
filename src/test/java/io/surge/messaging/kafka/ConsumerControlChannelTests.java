package io.surge.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.TcpProxy;
import io.surge.support.TestServices;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The consumer-control channel subscribes from the reconcile schedule, not at start-up: a Redis that answers slower
 * than the command timeout while an instance starts (seen on the oversubscribed stage: the subscribe timed out after
 * 1 s and the instance exited) costs a retry on the next tick, never the instance. Real Redis behind a delaying proxy.
 */
class ConsumerControlChannelTests {

    @Test
    void aSlowRedisAtStartUpIsRetriedUntilTheChannelListens() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(TestServices.redisAddress())) {
            var factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration("127.0.0.1", proxy.port()),
                    LettuceClientConfiguration.builder()
                            .commandTimeout(Duration.ofMillis(200))
                            .build());
            factory.afterPropertiesSet();
            String channelName = "test:consumer-control:" + UUID.randomUUID();
            CountDownLatch heard = new CountDownLatch(1);
            RedisMessageListenerContainer channel = new RedisMessageListenerContainer();
            channel.setConnectionFactory(factory);
            channel.setAutoStartup(false);
            channel.setMaxSubscriptionRegistrationWaitingTime(500);
            channel.addMessageListener((message, pattern) -> heard.countDown(), new ChannelTopic(channelName));
            channel.afterPropertiesSet();
            try {
                proxy.delayReplies(Duration.ofSeconds(2));
                assertThat(ConsumerControlWiring.ReconcileSchedule.listen(channel))
                        .isFalse();
                assertThat(channel.isRunning())
                        .as("left ready for the next tick")
                        .isFalse();

                proxy.delayReplies(Duration.ZERO);
                boolean listening = false;
                for (int tick = 0; tick < 10 && !listening; tick++) {
                    listening = ConsumerControlWiring.ReconcileSchedule.listen(channel);
                }
                assertThat(listening).isTrue();
                var redis = new StringRedisTemplate(factory);
                redis.afterPropertiesSet();
                for (int i = 0; i < 20 && heard.getCount() > 0; i++) {
                    redis.convertAndSend(channelName, "reconcile");
                    heard.await(100, TimeUnit.MILLISECONDS);
                }
                assertThat(heard.getCount())
                        .as("a pause message reaches the instance")
                        .isZero();
            } finally {
                channel.stop();
                channel.destroy();
                factory.destroy();
            }
        }
    }
}
