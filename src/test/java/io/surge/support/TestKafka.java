package io.surge.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One in-JVM KRaft broker for the whole test run, started on first use and shared by every application context
 * (topics are created by the application itself, with replication 1 from application-test.yml).
 */
public final class TestKafka {

    /** Set JVM-wide by every embedded broker on start; contexts that name no broker (Instances) read the first. */
    private static final List<String> ADDRESS_PROPERTIES =
            List.of("spring.kafka.bootstrap-servers", EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);

    private static volatile EmbeddedKafkaKraftBroker broker;

    private TestKafka() {}

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            broker = started;
        }
        return broker.getBrokersAsString();
    }

    /**
     * A broker of its own, for a test whose consumer groups must have no other members: the listeners of the cached
     * test contexts (same listener ids, so the same groups) would otherwise take some partitions and process records
     * the test means to hold back. The JVM-wide address properties keep naming the shared broker, so contexts started
     * after this one is destroyed do not inherit a dead address. The caller destroys it.
     */
    public static synchronized EmbeddedKafkaKraftBroker isolated() {
        Map<String, String> shared = new HashMap<>();
        ADDRESS_PROPERTIES.forEach(name -> shared.put(name, System.getProperty(name)));
        try {
            return start();
        } finally {
            shared.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    private static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 6);
        started.brokerProperties(Map.of(
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "6",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "auto.create.topics.enable", "false"));
        started.afterPropertiesSet();
        return started;
    }
}
