package io.surge.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
                    .containerThreads(20));
            started.start();
            started.stubFor(
                    post(urlEqualTo(PATH)).atPriority(10).willReturn(aResponse().withStatus(202)));
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            server = started;
        }
        return server;
    }

    /** How many times the platform was asked to take this order. */
    public static int requestsFor(long orderId) {
        return server().findAll(postRequestedFor(urlEqualTo(PATH))
                        .withRequestBody(matchingJsonPath("$.orderId", equalTo(Long.toString(orderId)))))
                .size();
    }

    /**
     * The idempotency keys the platform saw for this order. HTTP delivery is at least once (a call that timed out on
     * a loaded machine may still have arrived and is retried), so "sent once" means one key, however many calls.
     */
    public static java.util.Set<String> keysFor(long orderId) {
        return server()
                .findAll(postRequestedFor(urlEqualTo(PATH))
                        .withRequestBody(matchingJsonPath("$.orderId", equalTo(Long.toString(orderId)))))
                .stream()
                .map(request -> request.getHeader("Idempotency-Key"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Makes the platform answer 503 for this order until {@link #heal(long)}. */
    public static void failFor(long orderId) {
        server().stubFor(post(urlEqualTo(PATH))
                .atPriority(1)
                .withId(java.util.UUID.nameUUIDFromBytes(("fail-" + orderId).getBytes()))
                .withRequestBody(matchingJsonPath("$.orderId", equalTo(Long.toString(orderId))))
                .willReturn(aResponse().withStatus(503)));
    }

    public static void heal(long orderId) {
        server().removeStub(java.util.UUID.nameUUIDFromBytes(("fail-" + orderId).getBytes()));
    }

    public static String url() {
        return "http://127.0.0.1:" + server().port() + PATH;
    }
}
