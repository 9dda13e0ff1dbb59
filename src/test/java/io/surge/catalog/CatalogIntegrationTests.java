package io.surge.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.ShopTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CatalogIntegrationTests extends ShopTest {

    @Test
    void demoCatalogueIsListedPagedAndFilteredWithoutAToken() {
        var page = api.get("/api/products?page=0&size=10", null);

        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.get("content")).hasSize(10);
        assertThat(body.get("totalElements").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(body.get("content").get(0).get("productId").asLong()).isEqualTo(1);
        assertThat(body.get("content").get(0).has("name")).isTrue();
        assertThat(body.get("content").get(0).has("price")).isTrue();

        var food = api.get("/api/products?category=food&size=100", null).json();
        assertThat(food.get("totalElements").asLong()).isEqualTo(20);
        assertThat(food.get("content").findValuesAsString("category")).containsOnly("food");
    }

    @Test
    void productDetailHasOptionsWithStock() {
        var product = api.get("/api/products/1", null);

        assertThat(product.status()).isEqualTo(200);
        assertThat(product.json().get("options")).hasSize(3);
        assertThat(product.json().get("options").get(0).get("stock").asInt()).isPositive();
        assertThat(product.json().get("description").asString()).isNotBlank();
    }

    @Test
    void cachedDetailIsEvictedWhenThisInstanceTakesStock() {
        long option = shop.product(100, 7).getFirst();
        long productId = shop.productOf(option);
        assertThat(stockShown(productId)).isEqualTo(7);

        shop.placeOrder(shop.member(0), option, 2);

        assertThat(stockShown(productId)).isEqualTo(5);
    }

    @Test
    void unknownProductAndBadParametersAreProblems() {
        var missing = api.get("/api/products/999999999", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("PRODUCT_NOT_FOUND");

        for (String query : new String[] {"size=0", "size=101", "page=-1", "page=x", "category="}) {
            var response = api.get("/api/products?" + query, null);
            assertThat(response.status()).as(query).isEqualTo(400);
        }
        assertThat(api.get("/api/products/top?days=0", null).status()).isEqualTo(400);
        assertThat(api.get("/api/products/top?limit=51", null).status()).isEqualTo(400);
    }

    @Test
    void topProductsRankByPaidQuantity() {
        long option = shop.product(100, 50).getFirst();
        long productId = shop.productOf(option);
        jdbc.sql("INSERT INTO product_sales (sale_date, product_id, quantity) VALUES (CURRENT_DATE, ?, 1000000)")
                .param(productId)
                .update();

        var top = api.get("/api/products/top?days=3&limit=5", null);

        assertThat(top.status()).isEqualTo(200);
        assertThat(top.json().get(0).get("productId").asLong()).isEqualTo(productId);
        assertThat(top.json().get(0).get("soldQuantity").asLong()).isEqualTo(1_000_000);
    }

    private int stockShown(long productId) {
        return api.get("/api/products/" + productId, null)
                .json()
                .get("options")
                .get(0)
                .get("stock")
                .asInt();
    }
}
