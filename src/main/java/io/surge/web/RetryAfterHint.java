package io.surge.web;

import java.time.Duration;

/**
 * An exception that knows when a retry can succeed (e.g. an open circuit breaker's remaining wait). The global handler
 * looks for one in the cause chain of a 503 and advertises its wait instead of the default.
 */
public interface RetryAfterHint {

    Duration retryAfter();
}
