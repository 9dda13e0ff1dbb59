package io.surge.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param keyPrefix prepended to every key; empty in production, set per stage or test run */
@ConfigurationProperties("surge.redis")
public record RedisProperties(@DefaultValue("") String keyPrefix) {}
