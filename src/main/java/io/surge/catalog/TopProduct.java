package io.surge.catalog;

/** A best seller: paid quantity over the requested window. */
public record TopProduct(long productId, String name, String category, long price, long soldQuantity) {}
