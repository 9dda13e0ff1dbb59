package io.surge.traffic.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.surge.traffic.ProtectionMetrics;
import io.surge.web.RetryAfterHint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The DataSource every repository uses, with the {@code mysql} breaker around connection acquisition: when MySQL is
 * down or the pool keeps timing out, the breaker opens and requests fail in microseconds with 503 instead of each
 * waiting the full connection timeout, which would pile requests up behind a dead database.
 */
final class BreakerDataSource extends DelegatingDataSource {

    private final CircuitBreaker breaker;
    private final ProtectionMetrics metrics;

    BreakerDataSource(DataSource target, CircuitBreaker breaker, ProtectionMetrics metrics) {
        super(target);
        this.breaker = breaker;
        this.metrics = metrics;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!breaker.tryAcquirePermission()) {
            metrics.rejected(Breakers.GUARD, breaker.getName()).increment();
            throw new Open(breaker.getName(), Breakers.remainingWait(breaker));
        }
        long start = System.nanoTime();
        try {
            Connection connection = super.getConnection();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return connection;
        } catch (SQLException | RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    /** A SQLException (so JDBC callers and Spring's translation handle it) that carries the breaker's wait. */
    static final class Open extends SQLTransientConnectionException implements RetryAfterHint {

        private final transient Duration retryAfter;

        Open(String breaker, Duration retryAfter) {
            super("Circuit breaker '" + breaker + "' is open");
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
