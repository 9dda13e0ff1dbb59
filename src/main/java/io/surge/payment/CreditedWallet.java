package io.surge.payment;

/** A member's balance after an admin credited it. */
public record CreditedWallet(long memberId, long balance) {}
