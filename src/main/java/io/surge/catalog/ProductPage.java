package io.surge.catalog;

import java.util.List;

public record ProductPage(List<ProductSummary> content, int page, int size, long totalElements) {}
