package io.surge.order;

import io.surge.messaging.EventTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Topics this module publishes, and the payment outcome topics it consumes (named here as strings: the order
 * module must not depend on the payment module's types, which depend on it).
 */
@Configuration(proxyBeanMethods = false)
public class OrderTopics {

    public static final String PLACED = "order.placed";
    public static final String PAYMENT_REQUESTED = "order.payment-requested";
    public static final String PAID = "order.paid";
    public static final String PAYMENT_TIMED_OUT = "order.payment-timed-out";
    static final String PAYMENT_COMPLETED = "payment.completed";
    static final String PAYMENT_FAILED = "payment.failed";

    @Bean
    EventTopics orderEventTopics() {
        return EventTopics.of(PLACED, PAYMENT_REQUESTED, PAID, PAYMENT_TIMED_OUT);
    }
}
