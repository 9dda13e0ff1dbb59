package io.surge.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class HealthIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void livenessAndReadinessAreServedWithoutTokenOnTheApiPort() {
        Api api = new Api(port);

        assertThat(api.get("/healthz", null).status()).isEqualTo(200);
        var ready = api.get("/readyz", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/v3/api-docs", null).body()).contains("/api/auth/signup");
    }

    /** Metrics are not public: the API port (the one nginx routes) has no actuator at all. */
    @Test
    void metricsAreOnTheManagementPortOnly() {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
        Api api = new Api(port);
        Api management = new Api(managementPort);

        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/metrics")) {
            var response = api.get(path, null);
            assertThat(response.status()).as("API port %s", path).isIn(401, 404);
            assertThat(response.body()).as("API port %s", path).doesNotContain("hikaricp_connections_max");
        }
        var metrics = management.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("hikaricp_connections_max", "application=\"surge\"");
        assertThat(management.get("/actuator/health", null).status()).isEqualTo(200);
        // the probes stay where the load balancer and the orchestrator look for them
        assertThat(management.get("/healthz", null).status()).isEqualTo(404);
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
