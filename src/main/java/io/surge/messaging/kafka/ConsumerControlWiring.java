package io.surge.messaging.kafka;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes a pause reach every instance: a Redis channel triggers an immediate reconcile, a schedule reconciles anyway,
 * and the wanted state is applied before the listener containers start, so an instance started during a pause
 * starts paused.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerControlWiring {

    /**
     * Not started with the context: its start subscribes synchronously, and one Redis answer slower than the command
     * timeout (seen on the oversubscribed stage) made the whole instance fail to start. The channel only speeds a
     * pause up, the schedule below reconciles anyway, so the schedule starts it and retries until it listens.
     */
    @Bean
    RedisMessageListenerContainer consumerControlChannel(RedisConnectionFactory redis, ConsumerControl control) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis);
        container.setAutoStartup(false);
        container.addMessageListener((message, pattern) -> control.reconcile(), new ChannelTopic(control.channel()));
        return container;
    }

    @Component
    static class ReconcileSchedule {

        private final ConsumerControl control;
        private final RedisMessageListenerContainer channel;

        ReconcileSchedule(ConsumerControl control, RedisMessageListenerContainer consumerControlChannel) {
            this.control = control;
            this.channel = consumerControlChannel;
        }

        @Scheduled(fixedDelayString = "${surge.consumers.reconcile-interval:1s}")
        void reconcile() {
            listen(channel);
            try {
                control.reconcile();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConsumerControl.class)
                        .debug("Consumer reconcile failed: {}", e.toString());
            }
        }

        /**
         * Subscribes the channel unless it listens already; a failed start leaves the container marked running (and
         * unsubscribed), so it is stopped for the next tick to retry.
         *
         * @return whether the channel listens now
         */
        static boolean listen(RedisMessageListenerContainer channel) {
            if (channel.isRunning()) {
                return true;
            }
            try {
                channel.start();
                return true;
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConsumerControl.class)
                        .warn("Consumer-control channel not subscribed yet, retrying: {}", e.toString());
                channel.stop();
                return false;
            }
        }
    }

    /** Runs just before the listener containers start (they use {@link AbstractMessageListenerContainer}'s phase). */
    @Component
    static class StartPausedIfWanted
            implements SmartLifecycle, org.springframework.beans.factory.SmartInitializingSingleton {

        private final ConsumerControl control;
        private final io.micrometer.core.instrument.MeterRegistry meters;
        private volatile boolean running;

        StartPausedIfWanted(ConsumerControl control, io.micrometer.core.instrument.MeterRegistry meters) {
            this.control = control;
            this.meters = meters;
        }

        /** Before any container starts (all singletons exist, so every listener container is registered). */
        @Override
        public void afterSingletonsInstantiated() {
            applyWantedState();
        }

        @Override
        public void start() {
            control.registerMeters(meters);
            applyWantedState();
            running = true;
        }

        private void applyWantedState() {
            try {
                control.reconcile();
                org.slf4j.LoggerFactory.getLogger(ConsumerControl.class)
                        .info(
                                "Applied the cluster's consumer pause state before the listeners start: paused {}",
                                control.listenerIds().stream()
                                        .filter(control::isPaused)
                                        .toList());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConsumerControl.class)
                        .warn("Could not read the consumer pause state at start-up: {}", e.toString());
            }
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
        }
    }
}
