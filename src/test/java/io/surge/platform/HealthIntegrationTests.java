package io.surge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class HealthIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void livenessReadinessAndMetricsAreServedWithoutToken() {
        Api api = new Api(port);

        assertThat(api.get("/healthz", null).status()).isEqualTo(200);
        var ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("UP");
        var metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("hikaricp_connections_max");
        assertThat(api.get("/v3/api-docs", null).body()).contains("/api/auth/signup");
    }

    @Test
    void unknownRouteWithTokenIsNotFoundProblem() {
        Api api = new Api(port);
        String token = api.signUpAndLogIn("route-" + java.util.UUID.randomUUID() + "@example.com");

        var response = api.get("/api/does-not-exist", token);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
    }
}
