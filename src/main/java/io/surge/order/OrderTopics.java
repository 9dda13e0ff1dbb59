package io.surge.order;

import io.surge.messaging.EventTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics this module publishes, for the platform to create; each name is defined on its event. */
@Configuration(proxyBeanMethods = false)
class OrderTopics {

    @Bean
    EventTopics orderEventTopics() {
        return EventTopics.of(OrderPlaced.TOPIC, PaymentRequested.TOPIC, OrderPaid.TOPIC, PaymentTimedOut.TOPIC);
    }
}
