package io.surge.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.messaging.EventTopics;
import io.surge.support.TestApps;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The outbox's producer exists and knows every published topic before the instance says it is ready, so a sale's
 * first order does not wait for it; a broker that does not answer delays the start, never prevents it.
 */
class ProducerWarmupIntegrationTests {

    @Test
    void producerHasEveryPublishedTopicsMetadataBeforeReadiness() {
        List<String> happenings = new CopyOnWriteArrayList<>();
        try (ConfigurableApplicationContext app =
                TestApps.start(Map.of("spring.kafka.listener.auto-startup", "false"), recording(happenings))) {
            assertThat(happenings).containsExactly("producer created", "accepting traffic");

            List<String> published = app.getBeansOfType(EventTopics.class).values().stream()
                    .flatMap(t -> t.names().stream())
                    .toList();
            int partitions = app.getBean(SurgeKafkaProperties.class).partitions();
            Map<String, Integer> seen = app.getBean(ProducerWarmup.class).partitionsSeen();
            assertThat(published).isNotEmpty();
            assertThat(seen).containsOnlyKeys(published);
            assertThat(seen.values()).containsOnly(partitions);
        }
    }

    @Test
    void unreachableBrokerEndsTheWarmupWithoutFailingTheStart() {
        List<String> happenings = new CopyOnWriteArrayList<>();
        try (ConfigurableApplicationContext app = TestApps.start(
                Map.of(
                        "spring.kafka.bootstrap-servers", "127.0.0.1:1",
                        "spring.kafka.producer.properties.max.block.ms", "500",
                        "spring.kafka.admin.auto-create", "false",
                        "spring.kafka.listener.auto-startup", "false"),
                recording(happenings))) {
            assertThat(happenings).endsWith("accepting traffic");
            assertThat(app.getBean(ProducerWarmup.class).partitionsSeen()).isEmpty();
        }
    }

    /** Records, in order, the creation of Kafka producers and the moment the instance starts accepting traffic. */
    private static ApplicationContextInitializer<ConfigurableApplicationContext> recording(List<String> happenings) {
        return context -> {
            DefaultKafkaProducerFactoryCustomizer customizer = factory -> onCreation(factory, happenings);
            context.getBeanFactory().registerSingleton("producerCreationRecorder", customizer);
            context.addApplicationListener(event -> {
                if (event instanceof AvailabilityChangeEvent<?> change
                        && change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
                    happenings.add("accepting traffic");
                }
            });
        };
    }

    private static <K, V> void onCreation(DefaultKafkaProducerFactory<K, V> factory, List<String> happenings) {
        factory.addListener(new ProducerFactory.Listener<K, V>() {
            @Override
            public void producerAdded(String id, Producer<K, V> producer) {
                happenings.add("producer created");
            }
        });
    }
}
