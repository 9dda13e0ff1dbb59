/**
 * Cross-cutting infrastructure shared by every business module: web errors, security, Redis keyspace. It knows no
 * business module; it is open so modules can use its sub-packages directly.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package io.surge.platform;

import org.springframework.modulith.ApplicationModule;
