/** Sends paid orders to the external platform, with retries, a circuit breaker and dead letters. */
@ApplicationModule(allowedDependencies = {"platform", "order"})
package io.surge.dispatch;

import org.springframework.modulith.ApplicationModule;
