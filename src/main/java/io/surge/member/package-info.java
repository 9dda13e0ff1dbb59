/** Members: signup, login with stateless tokens, the admin account. */
@ApplicationModule(allowedDependencies = {"redis", "security", "traffic", "traffic::ratelimit", "web"})
package io.surge.member;

import org.springframework.modulith.ApplicationModule;
