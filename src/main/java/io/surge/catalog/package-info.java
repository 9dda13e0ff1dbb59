/** Catalogue: products, options with price and stock, best sellers. Read-mostly and cached; stock is reserved here. */
@ApplicationModule(allowedDependencies = {"security", "web"})
package io.surge.catalog;

import org.springframework.modulith.ApplicationModule;
