package io.surge.messaging.kafka;

import io.surge.lifecycle.Instance;
import io.surge.redis.RedisKeyspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pauses and resumes Kafka listeners by id, on every instance. The wanted state lives in Redis (a hash of listener
 * id -> reason and time, so it survives restarts and a new instance starts paused); a pub/sub message makes every
 * instance apply a change at once, and a periodic reconcile catches anything missed. A manual pause is only lifted
 * by a manual resume; the automatic MySQL pause is local to the instance and layered on top.
 */
@Service
public class ConsumerControl {

    public static final String ALL = "*";
    private static final Logger log = LoggerFactory.getLogger(ConsumerControl.class);
    private static final String AUTO_REASON = "auto: MySQL unhealthy";

    private final KafkaListenerEndpointRegistry registry;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final ConsumerLag lag;
    private final ConsumerControlProperties properties;
    private final String pausedKey;
    private final String instancesKey;
    private final String channel;
    private final String instanceId;
    private final Map<String, Instant> pausedSince = new ConcurrentHashMap<>();
    private volatile boolean autoPaused;

    ConsumerControl(
            KafkaListenerEndpointRegistry registry,
            StringRedisTemplate redis,
            RedisKeyspace keyspace,
            JsonMapper json,
            ConsumerLag lag,
            ConsumerControlProperties properties,
            Instance instance) {
        this.registry = registry;
        this.redis = redis;
        this.json = json;
        this.lag = lag;
        this.properties = properties;
        this.pausedKey = keyspace.key("kafka:{consumers}:paused");
        this.instancesKey = keyspace.key("kafka:{consumers}:instances");
        this.channel = keyspace.key("kafka:{consumers}:control");
        this.instanceId = instance.id();
    }

    /** Pauses the named listeners (all when empty) on every instance. Unknown ids are refused. */
    public Set<String> pause(Collection<String> listenerIds, String reason) {
        Set<String> ids = resolve(listenerIds);
        String value = json.writeValueAsString(new Pause(reason == null ? "" : reason, Instant.now()));
        Map<String, String> entries = new HashMap<>();
        ids.forEach(id -> entries.put(id, value));
        redis.opsForHash().putAll(pausedKey, entries);
        announce();
        return ids;
    }

    /** Lifts the manual pause of the named listeners (all when empty) on every instance. */
    public Set<String> resume(Collection<String> listenerIds) {
        Set<String> ids = resolve(listenerIds);
        redis.opsForHash().delete(pausedKey, ids.toArray());
        announce();
        return ids;
    }

    /** Every running instance's listeners as each last reported them, and each listener group's lag. */
    public ConsumerStatus status() {
        Map<String, Map<String, Long>> lags = new java.util.TreeMap<>();
        for (String id : listenerIds()) {
            MessageListenerContainer container = registry.getListenerContainer(id);
            if (container != null) {
                lags.put(id, lag.of(container));
            }
        }
        return new ConsumerStatus(instances(), lags);
    }

    private List<InstanceConsumers> instances() {
        reconcile();
        List<InstanceConsumers> instances = new ArrayList<>();
        Instant stale = Instant.now().minus(properties.statusTtl());
        for (Map.Entry<Object, Object> entry :
                redis.opsForHash().entries(instancesKey).entrySet()) {
            InstanceConsumers instance = json.readValue((String) entry.getValue(), InstanceConsumers.class);
            if (instance.reportedAt().isAfter(stale)) {
                instances.add(instance);
            } else {
                redis.opsForHash().delete(instancesKey, entry.getKey());
            }
        }
        instances.sort(java.util.Comparator.comparing(InstanceConsumers::instanceId));
        return instances;
    }

    public Set<String> listenerIds() {
        return new TreeSet<>(registry.getListenerContainerIds());
    }

    public String instanceId() {
        return instanceId;
    }

    /** Brings this instance's containers to the wanted state and publishes what they are doing. */
    public synchronized void reconcile() {
        Map<String, Pause> wanted = manualPauses();
        log.debug("Reconcile {}: wanted {} on {}", instanceId, wanted.keySet(), pausedKey);
        for (String id : registry.getListenerContainerIds()) {
            MessageListenerContainer container = registry.getListenerContainer(id);
            if (container == null) {
                continue;
            }
            boolean pause = wanted.containsKey(id) || autoPaused;
            if (pause && !container.isPauseRequested()) {
                container.pause();
                pausedSince.putIfAbsent(id, Instant.now());
                log.info("Kafka listener {} pause requested ({})", id, reasonFor(id, wanted));
            } else if (!pause && container.isPauseRequested()) {
                container.resume();
                pausedSince.remove(id);
                log.info("Kafka listener {} resumed", id);
            }
        }
        publishStatus(wanted);
    }

    /** Gauges per listener: paused (0/1), seconds since the pause was requested, the group's lag. */
    void registerMeters(io.micrometer.core.instrument.MeterRegistry meters) {
        for (String id : listenerIds()) {
            io.micrometer.core.instrument.Gauge.builder("surge.kafka.listener.paused", () -> isPaused(id) ? 1 : 0)
                    .tag("listener", id)
                    .description("1 while the listener's pause is requested")
                    .register(meters);
            io.micrometer.core.instrument.Gauge.builder("surge.kafka.listener.paused.seconds", () -> {
                        Instant since = pausedSince.get(id);
                        return since == null
                                ? 0
                                : java.time.Duration.between(since, Instant.now())
                                        .toSeconds();
                    })
                    .tag("listener", id)
                    .description("seconds the listener has been paused")
                    .register(meters);
            // From the brokers (end offsets minus the group's commits), so it keeps growing while the listener is
            // paused; the Kafka client's own records-lag metric comes from fetches and a paused consumer fetches
            // nothing. The same group figure on every instance: alert on max(), not sum().
            io.micrometer.core.instrument.Gauge.builder("surge.kafka.listener.lag", () -> groupLag(id))
                    .tag("listener", id)
                    .description("records in the listener's topics its consumer group has not committed yet")
                    .register(meters);
        }
    }

    /** The group's total lag, or NaN when the brokers do not answer (a scrape never fails on it). */
    private double groupLag(String listenerId) {
        MessageListenerContainer container = registry.getListenerContainer(listenerId);
        Map<String, Long> partitions = container == null ? Map.of() : lag.of(container);
        return partitions.isEmpty()
                ? Double.NaN
                : partitions.values().stream().mapToLong(Long::longValue).sum();
    }

    void autoPause(boolean pause) {
        if (autoPaused != pause) {
            autoPaused = pause;
            log.warn(
                    pause
                            ? "MySQL unhealthy: pausing Kafka listeners"
                            : "MySQL healthy again: resuming Kafka listeners");
            reconcile();
        }
    }

    boolean isAutoPaused() {
        return autoPaused;
    }

    boolean isPaused(String listenerId) {
        MessageListenerContainer container = registry.getListenerContainer(listenerId);
        return container != null && container.isPauseRequested();
    }

    String channel() {
        return channel;
    }

    private void publishStatus(Map<String, Pause> wanted) {
        List<ListenerState> listeners = new ArrayList<>();
        for (String id : listenerIds()) {
            MessageListenerContainer container = registry.getListenerContainer(id);
            if (container == null) {
                continue;
            }
            Pause pause = wanted.get(id);
            listeners.add(new ListenerState(
                    id,
                    container.isRunning(),
                    container.isPauseRequested(),
                    fetchesNothing(container),
                    container.isPauseRequested() ? pausedSince.get(id) : null,
                    pause != null ? pause.reason() : (autoPaused ? AUTO_REASON : null)));
        }
        InstanceConsumers report = new InstanceConsumers(instanceId, Instant.now(), autoPaused, listeners);
        try {
            redis.opsForHash().put(instancesKey, instanceId, json.writeValueAsString(report));
        } catch (RuntimeException e) {
            log.debug("Could not publish consumer status: {}", e.toString());
        }
    }

    /**
     * Paused for real: every consumer of the listener has stopped fetching. Spring Kafka only marks a consumer paused
     * once it has partitions to pause, so a consumer without any (more consumers in the group than partitions: 4
     * instances x concurrency 2 on 6 partitions leaves 2 idle) would report "not paused" for ever although it fetches
     * nothing; it counts as paused here, and Spring Kafka pauses it if a rebalance gives it partitions.
     */
    static boolean fetchesNothing(MessageListenerContainer container) {
        if (!container.isPauseRequested()) {
            return false;
        }
        if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
            return concurrent.getContainers().stream().allMatch(ConsumerControl::fetchesNothing);
        }
        var assigned = container.getAssignedPartitions();
        return container.isContainerPaused() || assigned == null || assigned.isEmpty();
    }

    private Map<String, Pause> manualPauses() {
        Map<String, Pause> pauses = new HashMap<>();
        redis.opsForHash()
                .entries(pausedKey)
                .forEach((id, value) ->
                        pauses.put((String) id, json.readValue((String) value, new TypeReference<Pause>() {})));
        return pauses;
    }

    private String reasonFor(String id, Map<String, Pause> wanted) {
        Pause pause = wanted.get(id);
        return pause != null ? pause.reason() : AUTO_REASON;
    }

    private Set<String> resolve(Collection<String> listenerIds) {
        Set<String> known = listenerIds();
        if (listenerIds == null || listenerIds.isEmpty() || listenerIds.contains(ALL)) {
            return known;
        }
        Set<String> unknown = new TreeSet<>(listenerIds);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw UnknownListener.of(unknown);
        }
        return new TreeSet<>(listenerIds);
    }

    private void announce() {
        redis.convertAndSend(channel, instanceId);
        reconcile();
    }

    record Pause(String reason, Instant since) {}
}
