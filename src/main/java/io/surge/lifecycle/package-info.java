/**
 * Start-up, readiness and shutdown of one instance: cached health checks behind {@code /readyz}, the drain on
 * shutdown, the scheduler. Knows no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.surge.lifecycle;

import org.springframework.modulith.ApplicationModule;
