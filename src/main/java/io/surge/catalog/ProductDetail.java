package io.surge.catalog;

import java.util.List;

/** A product with its options; {@code stock} may lag a just-placed order by the cache TTL on other instances. */
public record ProductDetail(
        long productId, String name, String description, String category, long price, List<Option> options) {

    public record Option(long optionId, String name, long price, int stock) {}
}
