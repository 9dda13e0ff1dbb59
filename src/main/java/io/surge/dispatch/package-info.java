/** Sends paid orders to the external platform, with retries, a circuit breaker and dead letters. */
@ApplicationModule(allowedDependencies = {"messaging", "order", "traffic::breakers"})
package io.surge.dispatch;

import org.springframework.modulith.ApplicationModule;
