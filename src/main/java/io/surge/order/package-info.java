/**
 * Orders: placement with stock and coupon reservation, the payment saga's order side, expiry, compensation, and the
 * status the client polls.
 */
@ApplicationModule(allowedDependencies = {"catalog", "coupon", "messaging", "observability", "security", "web"})
package io.surge.order;

import org.springframework.modulith.ApplicationModule;
