/**
 * Traffic protection, in the order a request meets it: admission control ({@code admission}), route-class
 * rate limits and the login guard ({@code ratelimit}), circuit breakers ({@code resilience}); one meter for all of
 * them ({@link io.surge.traffic.ProtectionMetrics}). Published: the base package and the named interfaces
 * {@code ratelimit} ({@code LoginGuard}; the client address is Tomcat's {@code RemoteIpValve}) and {@code breakers} ({@code Breakers}).
 */
@ApplicationModule(allowedDependencies = {"lifecycle", "redis", "web"})
package io.surge.traffic;

import org.springframework.modulith.ApplicationModule;
