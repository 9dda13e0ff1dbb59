package io.surge.messaging.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Records every dead-letter topic's records in the database, where admins list and replay them. */
@Component
class DeadLetterConsumer {

    static final String LISTENER_ID = "platform.dead-letters";
    private final DeadLetters deadLetters;

    DeadLetterConsumer(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = LISTENER_ID, topicPattern = ".*" + KafkaTopicsConfiguration.DLT_SUFFIX)
    void on(ConsumerRecord<String, byte[]> record) {
        deadLetters.record(record);
    }
}
