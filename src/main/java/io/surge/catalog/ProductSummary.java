package io.surge.catalog;

/** A product as the listing shows it. */
public record ProductSummary(long productId, String name, String category, long price) {}
