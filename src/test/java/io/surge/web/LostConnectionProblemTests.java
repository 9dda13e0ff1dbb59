package io.surge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Found by the MariaDB drill: a transaction whose connection died could not even roll back, and the resulting
 * exception (then JPA's, now the JDBC transaction manager's) answered 500. A lost connection is a 503 with Retry-After; any other such failure stays a 500.
 */
class LostConnectionProblemTests {

    GlobalProblemHandler handler = new GlobalProblemHandler();

    @Test
    void aRollbackOnAClosedConnectionIsUnavailable() {
        var failed = new TransactionSystemException(
                "Could not roll back JDBC transaction", new SQLException("Connection is closed", "08003"));
        var answer = handler.lostConnection(failed);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNotNull();
        assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
    }

    @Test
    void aResetRedisConnectionIsUnavailable() {
        var reset = new RedisSystemException("Redis exception", new java.net.SocketException("Connection reset"));
        assertThat(handler.lostConnection(reset).getStatusCode().value()).isEqualTo(503);
    }

    /** Found by the Redis restart drill: right after the restart Redis answers LOADING for a moment. */
    @Test
    void aRedisStillLoadingItsDatasetIsUnavailable() {
        var loading = new RedisSystemException(
                "Error in execution",
                new io.lettuce.core.RedisLoadingException("LOADING Redis is loading the dataset"));
        assertThat(handler.lostConnection(loading).getStatusCode().value()).isEqualTo(503);
    }

    /** Found by the MariaDB drill: "Communications link failure" on commit is a recoverable failure, not a 500. */
    @Test
    void aCommunicationsLinkFailureIsUnavailable() {
        var link = new org.springframework.dao.RecoverableDataAccessException(
                "Unable to commit against JDBC Connection", new SQLException("Communications link failure", "08S01"));
        assertThat(handler.unavailable(link).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void anyOtherUncategorisedFailureIsStillAServerError() {
        var bug = new UncategorizedSQLException("mapping", "SELECT 1", new SQLException("some mapping bug"));
        assertThat(handler.lostConnection(bug).getStatusCode().value()).isEqualTo(500);
    }
}
