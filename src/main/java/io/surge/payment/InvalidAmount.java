package io.surge.payment;

/** A charge that is not a positive amount, or would push the balance past its limit. */
public class InvalidAmount extends RuntimeException {

    public static final String CODE = "INVALID_AMOUNT";

    private InvalidAmount(String message) {
        super(message);
    }

    public static InvalidAmount of(String message) {
        return new InvalidAmount(message);
    }
}
