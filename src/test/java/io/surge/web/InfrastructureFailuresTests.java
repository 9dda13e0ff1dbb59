package io.surge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisLoadingException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpServerErrorException;

/** The three questions asked of the one classification, each on a failure it must and one it must not claim. */
class InfrastructureFailuresTests {

    @Test
    void aRecoverableSqlErrorIsTheDatabaseButNotALostConnectionForTheProblemHandler() {
        var recoverable = new SQLRecoverableException("gone");

        assertThat(InfrastructureFailures.databaseUnreachable(recoverable)).isTrue();
        assertThat(InfrastructureFailures.connectionLost(recoverable)).isFalse();
        assertThat(InfrastructureFailures.dependencyFailed(recoverable)).isTrue();
    }

    @Test
    void aConnectionResetOrARedisStillLoadingIsALostConnectionDeepInTheChain() {
        var reset = new UncategorizedDataAccessException(
                "rollback failed", new RuntimeException(new IOException("reset"))) {};
        var loading = new UncategorizedDataAccessException("loading", new RedisLoadingException("LOADING")) {};
        var closed = new SQLException("Connection is closed");

        assertThat(InfrastructureFailures.connectionLost(reset)).isTrue();
        assertThat(InfrastructureFailures.connectionLost(loading)).isTrue();
        assertThat(InfrastructureFailures.connectionLost(closed)).isTrue();
        assertThat(InfrastructureFailures.databaseUnreachable(reset)).isFalse();
    }

    @Test
    void aServerErrorOpensABreakerButAConstraintViolationNever() {
        var serverError = HttpServerErrorException.create(HttpStatus.BAD_GATEWAY, "bad gateway", null, null, null);
        var duplicate = new DataIntegrityViolationException("duplicate", new SQLException("Duplicate entry", "23000"));

        assertThat(InfrastructureFailures.dependencyFailed(serverError)).isTrue();
        assertThat(InfrastructureFailures.dependencyFailed(duplicate)).isFalse();
        assertThat(InfrastructureFailures.connectionLost(duplicate)).isFalse();
        assertThat(InfrastructureFailures.databaseUnreachable(duplicate)).isFalse();
    }
}
