package io.surge.messaging.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/** Lag of a listener's consumer group per partition: log end offset minus committed offset, from the brokers. */
@Component
class ConsumerLag implements DisposableBean {

    private static final long TIMEOUT_MS = 2_000;
    private final AdminClient admin;

    ConsumerLag(KafkaAdmin kafkaAdmin) {
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    Map<String, Long> of(MessageListenerContainer container) {
        String[] topics = container.getContainerProperties().getTopics();
        if (topics == null || topics.length == 0 || container.getGroupId() == null) {
            return Map.of();
        }
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(List.of(topics)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described
                    .values()
                    .forEach(topic -> topic.partitions()
                            .forEach(p ->
                                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(container.getGroupId())
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<String, Long> lag = new TreeMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                lag.put(partition.toString(), end.offset() - (done == null ? 0 : done.offset()));
            });
            return lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Map.of();
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
