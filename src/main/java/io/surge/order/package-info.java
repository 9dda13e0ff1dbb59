/**
 * Orders: placement with stock and coupon reservation, the payment saga's order side, expiry, compensation, and the
 * status the client polls.
 */
@ApplicationModule(allowedDependencies = {"platform", "catalog", "coupon"})
package io.surge.order;

import org.springframework.modulith.ApplicationModule;
