/**
 * Problem documents (RFC 9457) for every failure: the one global handler, the stable codes, the writer filters use,
 * the 429 and 503 shapes, Tomcat's own error pages. The bottom of the module graph: every module may use it, it uses
 * none.
 */
@ApplicationModule(allowedDependencies = {})
package io.surge.web;

import org.springframework.modulith.ApplicationModule;
