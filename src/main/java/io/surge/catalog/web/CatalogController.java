package io.surge.catalog.web;

import io.surge.catalog.CatalogManagement;
import io.surge.catalog.ProductDetail;
import io.surge.catalog.ProductPage;
import io.surge.catalog.TopProduct;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/products")
class CatalogController {

    private final CatalogManagement catalog;

    CatalogController(CatalogManagement catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    ProductPage products(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) @Size(min = 1, max = 50) String category) {
        return catalog.products(page, size, category);
    }

    @GetMapping("/top")
    List<TopProduct> top(
            @RequestParam(defaultValue = "3") @Min(1) @Max(90) int days,
            @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit) {
        return catalog.topProducts(days, limit);
    }

    @GetMapping("/{productId}")
    ProductDetail product(@PathVariable long productId) {
        return catalog.product(productId);
    }
}
