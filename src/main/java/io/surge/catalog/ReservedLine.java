package io.surge.catalog;

/** What a reservation took, with the price and names the order snapshots. */
public record ReservedLine(
        long optionId, long productId, String productName, String optionName, long unitPrice, int quantity) {}
