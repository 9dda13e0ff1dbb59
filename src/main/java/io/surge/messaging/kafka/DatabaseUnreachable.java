package io.surge.messaging.kafka;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells "the database could not be reached" (no connection from the pool, connection lost mid-call, the {@code mysql}
 * breaker open) from "this record can not be processed". Only the latter may end in a dead-letter topic: the former
 * says nothing about the record, which will apply fine once MySQL is back.
 */
final class DatabaseUnreachable {

    private static final int MAX_DEPTH = 20;

    private DatabaseUnreachable() {}

    static boolean causes(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || (cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
