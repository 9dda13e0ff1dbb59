package io.surge.catalog;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for products, options, stock and sales. Stock changes are single conditional updates: no read-modify-write. */
@Repository
class Products {

    private final JdbcClient jdbc;

    Products(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ProductSummary> page(int page, int size, String category) {
        return jdbc.sql("""
                        SELECT id, name, category, price FROM product
                        WHERE (:category IS NULL OR category = :category)
                        ORDER BY id LIMIT :size OFFSET :offset""")
                .param("category", category)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new ProductSummary(
                        rs.getLong("id"), rs.getString("name"), rs.getString("category"), rs.getLong("price")))
                .list();
    }

    long count(String category) {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE (:category IS NULL OR category = :category)")
                .param("category", category)
                .query(Long.class)
                .single();
    }

    Optional<ProductDetail> detail(long productId) {
        List<ProductDetail.Option> options = jdbc.sql(
                        "SELECT id, name, price, stock FROM product_option WHERE product_id = ? ORDER BY id")
                .param(productId)
                .query((rs, n) -> new ProductDetail.Option(
                        rs.getLong("id"), rs.getString("name"), rs.getLong("price"), rs.getInt("stock")))
                .list();
        return jdbc.sql("SELECT id, name, description, category, price FROM product WHERE id = ?")
                .param(productId)
                .query((rs, n) -> new ProductDetail(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("description"),
                        rs.getString("category"),
                        rs.getLong("price"),
                        options))
                .optional();
    }

    /** Option, product, price and current stock (as {@code quantity}) of each id; unknown ids are absent. */
    List<ReservedLine> options(Collection<Long> optionIds) {
        return jdbc.sql("""
                        SELECT o.id, o.product_id, p.name AS product_name, o.name AS option_name, o.price, o.stock
                        FROM product_option o JOIN product p ON p.id = o.product_id
                        WHERE o.id IN (:ids)""")
                .param("ids", optionIds)
                .query((rs, n) -> new ReservedLine(
                        rs.getLong("id"),
                        rs.getLong("product_id"),
                        rs.getString("product_name"),
                        rs.getString("option_name"),
                        rs.getLong("price"),
                        rs.getInt("stock")))
                .list();
    }

    /** Takes {@code quantity} if that much is left; false (and nothing taken) otherwise. */
    boolean take(long optionId, int quantity) {
        return jdbc.sql("UPDATE product_option SET stock = stock - ? WHERE id = ? AND stock >= ?")
                        .params(quantity, optionId, quantity)
                        .update()
                == 1;
    }

    void putBack(long optionId, int quantity) {
        jdbc.sql("UPDATE product_option SET stock = stock + ? WHERE id = ?")
                .params(quantity, optionId)
                .update();
    }

    long productOf(long optionId) {
        return jdbc.sql("SELECT product_id FROM product_option WHERE id = ?")
                .param(optionId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    void addSale(long productId, LocalDate day, long quantity) {
        jdbc.sql("""
                        INSERT INTO product_sales (sale_date, product_id, quantity) VALUES (?, ?, ?)
                        ON DUPLICATE KEY UPDATE quantity = quantity + VALUES(quantity)""").params(day, productId, quantity).update();
    }

    List<TopProduct> top(LocalDate since, int limit) {
        return jdbc.sql("""
                        SELECT p.id, p.name, p.category, p.price, s.sold
                        FROM (SELECT product_id, SUM(quantity) AS sold FROM product_sales
                              WHERE sale_date >= ? GROUP BY product_id ORDER BY sold DESC, product_id LIMIT ?) s
                        JOIN product p ON p.id = s.product_id
                        ORDER BY s.sold DESC, p.id""")
                .params(since, limit)
                .query((rs, n) -> new TopProduct(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("category"),
                        rs.getLong("price"),
                        rs.getLong("sold")))
                .list();
    }
}
