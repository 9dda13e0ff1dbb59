/** Members: signup, login with stateless tokens, the admin account. */
@ApplicationModule(allowedDependencies = "platform")
package io.surge.member;

import org.springframework.modulith.ApplicationModule;
