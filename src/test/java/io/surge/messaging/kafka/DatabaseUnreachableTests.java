package io.surge.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.messaging.PoisonEvent;
import io.surge.web.InfrastructureFailures;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which listener failures are MySQL being away (retried until it is back) and which are the record's own. */
class DatabaseUnreachableTests {

    @Test
    void aPoolTimeoutOrLostConnectionUnderTheListenerIsTheDatabase() {
        var poolTimedOut = new ListenerExecutionFailedException(
                "listener failed",
                new CannotCreateTransactionException(
                        "Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("surge-db - Connection is not available")));
        var lost = new CannotGetJdbcConnectionException(
                "lost", new SQLRecoverableException("Communications link failure", "08S01"));

        assertThat(InfrastructureFailures.databaseUnreachable(poolTimedOut)).isTrue();
        assertThat(InfrastructureFailures.databaseUnreachable(lost)).isTrue();
        assertThat(InfrastructureFailures.databaseUnreachable(new SQLException("refused", "08001")))
                .isTrue();
    }

    @Test
    void aBadRecordOrConstraintIsNot() {
        assertThat(InfrastructureFailures.databaseUnreachable(
                        new ListenerExecutionFailedException("listener failed", PoisonEvent.of("no order 7"))))
                .isFalse();
        assertThat(InfrastructureFailures.databaseUnreachable(
                        new DataIntegrityViolationException("duplicate", new SQLException("Duplicate entry", "23000"))))
                .isFalse();
    }
}
