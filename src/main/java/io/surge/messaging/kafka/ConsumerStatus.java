package io.surge.messaging.kafka;

import java.util.List;
import java.util.Map;

/**
 * What the admin API shows: each instance's listeners, and per listener (= consumer group) the lag of every
 * partition, which is a property of the group rather than of one instance.
 */
public record ConsumerStatus(List<InstanceConsumers> instances, Map<String, Map<String, Long>> lag) {}
