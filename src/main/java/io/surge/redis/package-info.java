/**
 * Redis plumbing every module shares: the key prefix of this deployment ({@link io.surge.redis.RedisKeyspace}) and
 * Lua scripts read once and called by SHA ({@link io.surge.redis.LoadedScript}). Knows no other module.
 */
@ApplicationModule(allowedDependencies = {})
package io.surge.redis;

import org.springframework.modulith.ApplicationModule;
