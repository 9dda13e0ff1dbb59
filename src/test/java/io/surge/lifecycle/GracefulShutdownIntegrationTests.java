package io.surge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.surge.support.Api;
import io.surge.support.Instances;
import io.surge.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * SIGTERM is a context close: readiness goes DOWN first while the instance still serves (drain delay), then the web
 * server stops accepting and the requests in flight complete with their normal answer.
 */
class GracefulShutdownIntegrationTests {

    @Test
    void requestsInFlightAtShutdownCompleteAndReadinessGoesDownFirst() throws Exception {
        ConfigurableApplicationContext app = Instances.start(
                Instances.newCluster(),
                Map.of("surge.shutdown.drain-delay", "700ms", "spring.lifecycle.timeout-per-shutdown-phase", "10s"));
        Api api = new Api(Instances.port(app));
        String token = new Tokens(app.getBean(JwtEncoder.class)).member(1);
        assertThat(api.get("/readyz", null).status()).isEqualTo(200);

        List<CompletableFuture<Api.Response>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> api.get("/test/slow?ms=2000", token)));
        }
        Thread.sleep(300);
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(app::close);
        Thread.sleep(250);

        Api.Response readinessDuringDrain = api.get("/readyz", null);
        Api.Response servedDuringDrain = api.get("/test/slow?ms=1", token);

        for (CompletableFuture<Api.Response> request : inFlight) {
            Api.Response response = request.get();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("slept").asLong()).isEqualTo(2000);
        }
        shutdown.get();
        assertThat(readinessDuringDrain.status()).isEqualTo(503);
        assertThat(servedDuringDrain.status()).isEqualTo(200);
        assertThatThrownBy(() -> api.get("/healthz", null)).isInstanceOf(java.io.UncheckedIOException.class);
    }
}
