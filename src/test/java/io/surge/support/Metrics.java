package io.surge.support;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus text an instance exposes on its management port (never on the API port). */
public final class Metrics {

    private Metrics() {}

    public static String scrape(int managementPort) {
        Api.Response response = new Api(managementPort).get("/actuator/prometheus", null);
        assertThat(response.status())
                .as("GET /actuator/prometheus on the management port")
                .isEqualTo(200);
        return response.body();
    }
}
