package io.surge.catalog;

/** An unknown product id, or an order line naming an option that does not exist. */
public class ProductNotFound extends RuntimeException {

    public static final String CODE = "PRODUCT_NOT_FOUND";

    private ProductNotFound(String message) {
        super(message);
    }

    public static ProductNotFound product(long productId) {
        return new ProductNotFound("No product with id " + productId + ".");
    }

    public static ProductNotFound option(long optionId) {
        return new ProductNotFound("No product option with id " + optionId + ".");
    }
}
