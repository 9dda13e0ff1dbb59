/**
 * Who is calling: the JWT resource server, each module's {@link io.surge.security.AccessRules}, token
 * revocation across instances, secrets that refuse placeholders, the request-size limit. API: {@code AccessRules},
 * {@code CurrentMember}, {@code TokenVersions}, {@code SecurityProperties}.
 */
@ApplicationModule(allowedDependencies = {"lifecycle", "redis", "web"})
package io.surge.security;

import org.springframework.modulith.ApplicationModule;
