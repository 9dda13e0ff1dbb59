/** Wallets (balance + append-only ledger) and charging placed orders, once per order whatever the redeliveries. */
@ApplicationModule(allowedDependencies = {"platform", "member", "order"})
package io.surge.payment;

import org.springframework.modulith.ApplicationModule;
