package io.surge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The external order platform as WireMock, one per test JVM like the broker, so every application context sends to
 * the same place. By default it accepts every order; tests add higher-priority stubs for particular orders.
 */
public final class TestPlatform {

    public static final String PATH = "/orders";
    private static volatile WireMockServer server;

    private TestPlatform() {}

    public static synchronized WireMockServer server() {
        if (server == null) {
            WireMockServer started = new WireMockServer(WireMockConfiguration.options()
                    .dynamicPort()
                    .bindAddress("127.0.0.1")
                    .containerThreads(20)
                    .disableRequestJournal());
            started.start();
            started.stubFor(
                    post(urlEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(202)));
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            server = started;
        }
        return server;
    }

    public static String url() {
        return "http://127.0.0.1:" + server().port() + PATH;
    }
}
