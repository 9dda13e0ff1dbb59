/** Wallets (balance + append-only ledger) and charging placed orders, once per order whatever the redeliveries. */
@ApplicationModule(allowedDependencies = {"member", "messaging", "observability", "order", "security", "web"})
package io.surge.payment;

import org.springframework.modulith.ApplicationModule;
