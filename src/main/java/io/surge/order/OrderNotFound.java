package io.surge.order;

/** No such order, or not the caller's: both answer 404 so ids of other members' orders reveal nothing. */
public class OrderNotFound extends RuntimeException {

    public static final String CODE = "ORDER_NOT_FOUND";

    private OrderNotFound(String message) {
        super(message);
    }

    public static OrderNotFound of(long orderId) {
        return new OrderNotFound("No order with id " + orderId + ".");
    }
}
