package io.surge.web;

import io.lettuce.core.RedisLoadingException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * The one place that says "this failure is infrastructure being away, not the request or the record". Three
 * questions are asked of it, each a cause-chain walk over the same vocabulary:
 *
 * <ul>
 *   <li>{@link #databaseUnreachable}: may a Kafka record that failed with this be retried until MySQL is back instead
 *       of being dead-lettered? (no connection from the pool, connection lost, SQL state class {@code 08});
 *   <li>{@link #connectionLost}: does an uncategorised data-access or transaction-system exception mean a store went
 *       away mid-call (answer 503, not 500)? (the lost-connection family, any {@link IOException}, a Redis still
 *       loading its dataset);
 *   <li>{@link #dependencyFailed}: does a circuit breaker count this call as failed? (the above plus pool exhaustion,
 *       timeouts and an HTTP 5xx; a sold-out coupon or a validation error is a successful call).
 * </ul>
 *
 * Before, these were three classes in three packages ({@code DatabaseUnreachable}, a list in
 * {@code GlobalProblemHandler}, the breakers' own predicate) that each listed the SQL exception types again.
 */
public final class InfrastructureFailures {

    private static final int MAX_DEPTH = 20;

    private InfrastructureFailures() {}

    /** MySQL could not be reached: says nothing about the record, which will apply fine once it is back. */
    public static boolean databaseUnreachable(Throwable error) {
        return anyCause(error, cause -> lostSqlConnection(cause) || cause instanceof SQLRecoverableException);
    }

    /** A store that went away in the middle of a call (MariaDB stopped, a connection reset, Redis loading). */
    public static boolean connectionLost(Throwable error) {
        return anyCause(
                error,
                cause -> lostSqlConnection(cause)
                        || cause instanceof IOException
                        || cause instanceof RedisLoadingException
                        || (cause instanceof SQLException closed
                                && "Connection is closed".equals(closed.getMessage())));
    }

    /** What a breaker records as a failure: the dependency unreachable, slow or erroring. */
    public static boolean dependencyFailed(Throwable error) {
        return anyCause(
                error,
                cause -> cause instanceof DataAccessResourceFailureException
                        || cause instanceof TransientDataAccessException
                        || cause instanceof CannotCreateTransactionException
                        || cause instanceof SQLTransientException
                        || cause instanceof SQLNonTransientConnectionException
                        || cause instanceof SQLRecoverableException
                        || cause instanceof ResourceAccessException
                        || cause instanceof HttpServerErrorException
                        || cause instanceof IOException
                        || cause instanceof TimeoutException);
    }

    /** No connection could be had or the one in use broke: the JDBC driver's and Hikari's ways of saying so. */
    private static boolean lostSqlConnection(Throwable cause) {
        return cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || (cause instanceof SQLException sql
                        && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08"));
    }

    private static boolean anyCause(Throwable error, Predicate<Throwable> test) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (test.test(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
