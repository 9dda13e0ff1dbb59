package io.surge.order;

/** Payment asked for an order that expired or whose payment already failed. */
public class OrderNotPayable extends RuntimeException {

    public static final String CODE = "ORDER_NOT_PAYABLE";
    private final OrderStatus status;

    private OrderNotPayable(long orderId, OrderStatus status) {
        super("Order " + orderId + " is " + status + " and cannot be paid.");
        this.status = status;
    }

    public static OrderNotPayable of(long orderId, OrderStatus status) {
        return new OrderNotPayable(orderId, status);
    }

    public OrderStatus status() {
        return status;
    }
}
