/**
 * First-come-first-served coupons: campaigns in MySQL, issuance decided atomically in Redis (one Lua script, one
 * round trip), every issued coupon written durably to MySQL before the member is told.
 */
@ApplicationModule(allowedDependencies = {"lifecycle", "redis", "security", "traffic::breakers", "web"})
package io.surge.coupon;

import org.springframework.modulith.ApplicationModule;
