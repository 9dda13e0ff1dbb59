package io.surge.messaging;

import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumer-side idempotency: a listener records each event id it has applied, in the same transaction as the effect.
 * A redelivered event finds its id and is skipped; two instances racing on one event serialise on the primary key,
 * and the loser sees the duplicate once the winner commits.
 */
@Component
public class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time {@code listenerId} sees {@code eventId}; must run inside the effect's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String listenerId, UUID eventId) {
        try {
            jdbc.sql("INSERT INTO processed_event (listener_id, event_id, processed_at) VALUES (?, ?, NOW(6))")
                    .param(listenerId)
                    .param(eventId.toString())
                    .update();
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }
}
