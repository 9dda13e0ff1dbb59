package io.surge.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.surge.order.OrderPaid;
import io.surge.traffic.resilience.Breakers;
import java.net.http.HttpClient;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The external platform's HTTP API behind the shared circuit breaker: one call per delivery. Retrying is the Kafka
 * error handler's job alone (exponential backoff, then the dead-letter topic), so a record costs at most
 * {@code 1 + surge.kafka.retry-max-attempts} calls; an in-process retry inside it multiplied that (3 x 5 = 15 calls
 * for one record). When the platform is down the breaker opens and deliveries fail fast into the Kafka backoff
 * instead of each waiting out its timeouts.
 */
@Component
class PlatformClient {

    private final RestClient http;
    private final Breakers breakers;

    PlatformClient(DispatchProperties properties, Breakers breakers) {
        this.breakers = breakers;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder()
                .baseUrl(properties.platformUrl())
                .requestFactory(factory)
                .build();
    }

    void send(OrderPaid order) {
        Supplier<Void> call = () -> {
            http.post()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "surge-order-" + order.orderId())
                    .body(new PlatformOrder(order.orderId(), order.memberId(), order.finalAmount(), order.items()))
                    .retrieve()
                    .toBodilessEntity();
            return null;
        };
        // the shared external-platform breaker (surge.resilience.breakers), so its state and calls are in the same
        // resilience4j_circuitbreaker_* meters as the mysql and redis breakers
        breakers.call(Breakers.EXTERNAL_PLATFORM, call);
    }

    CircuitBreaker.State state() {
        return breakers.get(Breakers.EXTERNAL_PLATFORM).getState();
    }

    record PlatformOrder(long orderId, long memberId, long amount, java.util.List<?> items) {}
}
