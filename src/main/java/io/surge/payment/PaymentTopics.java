package io.surge.payment;

import io.surge.messaging.EventTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics this module publishes, for the platform to create; each name is defined on its event. */
@Configuration(proxyBeanMethods = false)
class PaymentTopics {

    @Bean
    EventTopics paymentEventTopics() {
        return EventTopics.of(PaymentCompleted.TOPIC, PaymentFailed.TOPIC);
    }
}
