package io.surge.catalog;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Catalogue caches are local to each instance (Caffeine): a product read never crosses the network, and the TTLs
 * bound how stale another instance's copy can be after a stock change (the changing instance evicts its own at once).
 *
 * @param productTtl lifetime of a cached product detail (carries stock, so short)
 * @param listTtl lifetime of a cached listing page
 * @param topTtl lifetime of a cached best-seller list
 * @param cacheMaxEntries entries kept per cache
 */
@Validated
@ConfigurationProperties("surge.catalog")
public record CatalogProperties(
        @NotNull @DefaultValue("2s") Duration productTtl,
        @NotNull @DefaultValue("5s") Duration listTtl,
        @NotNull @DefaultValue("30s") Duration topTtl,
        @Min(1) @DefaultValue("10000") long cacheMaxEntries) {}
