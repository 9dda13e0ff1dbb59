package io.surge.messaging.kafka;

import io.surge.messaging.EventTopics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates every declared topic and its dead-letter twin explicitly; nothing relies on broker auto-creation. */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

    static final String DLT_SUFFIX = "-dlt";

    @Bean
    KafkaAdmin.NewTopics surgeTopics(List<EventTopics> declarations, SurgeKafkaProperties properties) {
        NewTopic[] topics = declarations.stream()
                .flatMap(d -> d.names().stream())
                .distinct()
                .flatMap(name -> java.util.stream.Stream.of(name, name + DLT_SUFFIX))
                .map(name -> TopicBuilder.name(name)
                        .partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .config(
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                Integer.toString(properties.minInsyncReplicas()))
                        .build())
                .toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }
}
