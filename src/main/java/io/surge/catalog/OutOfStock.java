package io.surge.catalog;

/** Not enough stock left for one line of an order; nothing of the order was reserved. */
public class OutOfStock extends RuntimeException {

    public static final String CODE = "OUT_OF_STOCK";
    private final long optionId;

    private OutOfStock(long optionId) {
        super("Not enough stock for option " + optionId + ".");
        this.optionId = optionId;
    }

    public static OutOfStock of(long optionId) {
        return new OutOfStock(optionId);
    }

    public long optionId() {
        return optionId;
    }
}
