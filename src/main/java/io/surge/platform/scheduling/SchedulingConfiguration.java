package io.surge.platform.scheduling;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on {@code @Scheduled} jobs (outbox resubmission, order expiry). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {}
