package io.surge.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoSelfCharge lets a member credit their own wallet ({@code POST /api/members/me/wallet/charge}) with no
 *     payment behind it; for demos on a laptop only, off by default: money otherwise only comes from an admin's
 *     credit, which the ledger attributes to that admin
 */
@ConfigurationProperties("surge.payment")
public record PaymentProperties(@DefaultValue("false") boolean demoSelfCharge) {}
