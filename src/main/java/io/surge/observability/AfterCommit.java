package io.surge.observability;

import io.micrometer.core.instrument.Counter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts a business fact only once it is durable: inside a transaction the counter moves after the commit (a rolled
 * back or retried transaction counts nothing), outside one at once.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void increment(Counter counter) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
