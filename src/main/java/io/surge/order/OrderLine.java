package io.surge.order;

/** One line of an order as placed: an option and a quantity. */
public record OrderLine(long optionId, int quantity) {}
