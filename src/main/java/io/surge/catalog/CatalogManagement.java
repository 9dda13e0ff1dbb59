package io.surge.catalog;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The catalogue's API: cached reads, and stock reservation inside the caller's transaction. Reservations update
 * option rows in ascending id order, so two orders over the same options always lock in the same order and cannot
 * deadlock; a conditional update ({@code stock >= qty}) makes overselling impossible without any read lock.
 */
@Service
public class CatalogManagement {

    private final Products products;
    private final CacheManager caches;
    private final Clock clock = Clock.systemUTC();

    CatalogManagement(Products products, CacheManager catalogCacheManager) {
        this.products = products;
        this.caches = catalogCacheManager;
    }

    @Cacheable(cacheNames = CatalogCaching.PAGE, key = "#page + ':' + #size + ':' + #category")
    @Transactional(readOnly = true)
    public ProductPage products(int page, int size, String category) {
        return new ProductPage(products.page(page, size, category), page, size, products.count(category));
    }

    @Cacheable(cacheNames = CatalogCaching.PRODUCT, key = "#productId")
    @Transactional(readOnly = true)
    public ProductDetail product(long productId) {
        return products.detail(productId).orElseThrow(() -> ProductNotFound.product(productId));
    }

    @Cacheable(cacheNames = CatalogCaching.TOP, key = "#days + ':' + #limit")
    @Transactional(readOnly = true)
    public List<TopProduct> topProducts(int days, int limit) {
        LocalDate since = LocalDate.now(clock).minusDays(days - 1L);
        return products.top(since, limit);
    }

    /**
     * Prices and names for the lines, checked against the stock visible right now (no locks): an order that cannot
     * be served fails here, before it queues on a hot option row.
     */
    @Transactional(readOnly = true)
    public List<ReservedLine> quote(List<StockLine> lines) {
        Map<Long, Integer> merged = merge(lines);
        Map<Long, ReservedLine> known = products.options(merged.keySet()).stream()
                .collect(Collectors.toMap(ReservedLine::optionId, Function.identity()));
        for (Map.Entry<Long, Integer> line : merged.entrySet()) {
            ReservedLine option = known.get(line.getKey());
            if (option == null) {
                throw ProductNotFound.option(line.getKey());
            }
            if (option.quantity() < line.getValue()) {
                throw OutOfStock.of(line.getKey());
            }
        }
        return merged.entrySet().stream()
                .map(e -> {
                    ReservedLine info = known.get(e.getKey());
                    return new ReservedLine(
                            info.optionId(),
                            info.productId(),
                            info.productName(),
                            info.optionName(),
                            info.unitPrice(),
                            e.getValue());
                })
                .toList();
    }

    /**
     * Takes every line or none (the caller's transaction rolls back on {@link OutOfStock}). Callers do this last in
     * their transaction, so the option row locks are held only until the commit that follows.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(List<StockLine> lines) {
        Map<Long, Integer> merged = merge(lines);
        for (Map.Entry<Long, Integer> line : merged.entrySet()) {
            if (!products.take(line.getKey(), line.getValue())) {
                throw OutOfStock.of(line.getKey());
            }
        }
        evictAfterCommit(merged.keySet().stream().map(products::productOf).toList());
    }

    /** Puts stock back; the caller guarantees it runs once per reservation (the order's state transition does). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(List<StockLine> lines) {
        Map<Long, Integer> merged = merge(lines);
        merged.forEach(products::putBack);
        evictAfterCommit(merged.keySet().stream().map(products::productOf).toList());
    }

    /** Counts paid quantities per product and day, for the best-seller list. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSales(List<StockLine> lines) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        merge(lines).forEach((optionId, quantity) -> {
            long productId = products.productOf(optionId);
            if (productId != 0) {
                products.addSale(productId, today, quantity);
            }
        });
    }

    private static Map<Long, Integer> merge(List<StockLine> lines) {
        return lines.stream()
                .sorted(Comparator.comparingLong(StockLine::optionId))
                .collect(Collectors.toMap(
                        StockLine::optionId, StockLine::quantity, Integer::sum, java.util.TreeMap::new));
    }

    private void evictAfterCommit(List<Long> productIds) {
        Cache cache = caches.getCache(CatalogCaching.PRODUCT);
        if (cache == null) {
            return;
        }
        Runnable evict = () -> productIds.forEach(cache::evict);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evict.run();
                }
            });
        } else {
            evict.run();
        }
    }
}
