package io.surge.payment;

public record WalletView(long balance) {}
