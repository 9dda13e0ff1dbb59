package io.surge.lifecycle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param id this instance's name in every live-instance registry; blank means {@code pid@host} plus a suffix */
@ConfigurationProperties("surge.instance")
record InstanceProperties(@DefaultValue("") String id) {}
