/**
 * Metrics that are not any one module's: process memory, and {@link io.surge.observability.AfterCommit} for
 * counting a business fact only once its transaction committed. Knows no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.surge.observability;

import org.springframework.modulith.ApplicationModule;
