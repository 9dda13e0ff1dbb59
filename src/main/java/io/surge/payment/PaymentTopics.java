package io.surge.payment;

import io.surge.messaging.EventTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaymentTopics {

    static final String COMPLETED = "payment.completed";
    static final String FAILED = "payment.failed";

    @Bean
    EventTopics paymentEventTopics() {
        return EventTopics.of(COMPLETED, FAILED);
    }
}
