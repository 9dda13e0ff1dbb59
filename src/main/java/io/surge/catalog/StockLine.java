package io.surge.catalog;

/** A quantity of one option, to reserve or release. */
public record StockLine(long optionId, int quantity) {}
