package io.surge.messaging.kafka;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead-letter store: one row per dead record (unique by topic, partition and offset, so a redelivered DLT record
 * is stored once). Replay sends the original key and bytes back to the original topic; the consumers' idempotency
 * makes a double replay harmless.
 */
@Service
public class DeadLetters {

    private static final int MAX_EXCEPTION_CHARS = 1000;
    private final JdbcClient jdbc;
    private final KafkaOperations<String, byte[]> kafka;
    private final DeadLetterMetrics metrics;

    DeadLetters(JdbcClient jdbc, KafkaOperations<String, byte[]> kafka, DeadLetterMetrics metrics) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    void record(ConsumerRecord<String, byte[]> record) {
        String originalTopic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
        if (originalTopic == null) {
            originalTopic =
                    record.topic().substring(0, record.topic().length() - KafkaTopicsConfiguration.DLT_SUFFIX.length());
        }
        String exception = header(record, KafkaHeaders.DLT_EXCEPTION_FQCN);
        String message = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        String cause = header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        String summary = truncate((exception == null ? "" : exception)
                + (cause == null ? "" : " caused by " + cause)
                + (message == null ? "" : ": " + message));
        try {
            jdbc.sql("""
                            INSERT INTO dead_letter (topic, original_topic, partition_no, offset_no, record_key,
                                                     payload, exception, dead_at, replay_count)
                            VALUES (?, ?, ?, ?, ?, ?, ?, NOW(6), 0)""")
                    .params(
                            record.topic(),
                            originalTopic,
                            record.partition(),
                            record.offset(),
                            record.key(),
                            record.value(),
                            summary)
                    .update();
            metrics.recorded(originalTopic);
        } catch (DuplicateKeyException alreadyRecorded) {
            // a redelivered dead letter: stored once
        }
    }

    public List<DeadLetter> list(int page, int size) {
        return jdbc.sql("SELECT * FROM dead_letter ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(size, (long) page * size)
                .query(DeadLetters::map)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letter").query(Long.class).single();
    }

    @Transactional
    public DeadLetter replay(long id) {
        DeadLetter letter = jdbc.sql("SELECT * FROM dead_letter WHERE id = ? FOR UPDATE")
                .param(id)
                .query(DeadLetters::map)
                .optional()
                .orElseThrow(() -> DeadLetterNotFound.of(id));
        byte[] payload = jdbc.sql("SELECT payload FROM dead_letter WHERE id = ?")
                .param(id)
                .query((rs, n) -> rs.getBytes(1))
                .single();
        kafka.send(new ProducerRecord<>(letter.originalTopic(), letter.key(), payload))
                .join();
        jdbc.sql("UPDATE dead_letter SET replayed_at = NOW(6), replay_count = replay_count + 1 WHERE id = ?")
                .param(id)
                .update();
        metrics.replayed();
        return jdbc.sql("SELECT * FROM dead_letter WHERE id = ?")
                .param(id)
                .query(DeadLetters::map)
                .single();
    }

    private static DeadLetter map(ResultSet rs, int row) throws SQLException {
        byte[] payload = rs.getBytes("payload");
        return new DeadLetter(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getString("original_topic"),
                rs.getInt("partition_no"),
                rs.getLong("offset_no"),
                rs.getString("record_key"),
                payload == null ? null : new String(payload, StandardCharsets.UTF_8),
                rs.getString("exception"),
                instant(rs.getTimestamp("dead_at")),
                instant(rs.getTimestamp("replayed_at")),
                rs.getInt("replay_count"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_EXCEPTION_CHARS ? text : text.substring(0, MAX_EXCEPTION_CHARS);
    }
}
