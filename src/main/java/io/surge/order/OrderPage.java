package io.surge.order;

import java.util.List;

public record OrderPage(List<OrderView> content, int page, int size, long totalElements) {}
