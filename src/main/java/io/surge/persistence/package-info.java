/**
 * Database plumbing: per-module Flyway migrations ({@code ModuleMigrations}), the pinned MySQL 8 dialect, the
 * pool's configuration. Knows no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.surge.persistence;

import org.springframework.modulith.ApplicationModule;
