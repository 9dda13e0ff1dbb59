package io.surge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real nginx.conf in front of a trivial upstream that holds every request until released: beyond the edge cap of
 * a route class nginx itself answers a fast 429 problem with the app's stable code, and the excess never reaches an
 * instance. Ports are rewritten to free ones; everything else is the file as the stages run it.
 */
class NginxEdgeAdmissionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path prefix;

    private final AtomicInteger reached = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private HttpServer upstream;
    private Process nginx;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Path binary = NginxConfigTests.requireNginx();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext("/", this::hold);
        upstream.createContext("/api/app-refuses", exchange -> answer(exchange, 429, "{\"code\":\"FROM_THE_APP\"}"));
        upstream.start();
        port = freePort();
        String conf = NginxConfigTests.CONF
                .replace("listen 8080 default_server reuseport backlog=4096;", "listen 127.0.0.1:" + port + ";")
                .replace("listen 8088;", "listen 127.0.0.1:" + freePort() + ";");
        assertThat(conf).contains("listen 127.0.0.1:" + port + ";");
        NginxConfigTests.layOut(
                prefix, conf, "server 127.0.0.1:" + upstream.getAddress().getPort() + ";\n");
        nginx = new ProcessBuilder(
                        binary.toString(),
                        "-p",
                        prefix + "/",
                        "-c",
                        prefix.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectOutput(prefix.resolve("access.log").toFile())
                .redirectError(prefix.resolve("error.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening(port)) {
            assertThat(nginx.isAlive())
                    .as("nginx exited: see %s", prefix.resolve("error.log"))
                    .isTrue();
            assertThat(System.nanoTime()).as("nginx listening").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void authBeyondItsCapIsRefusedByNginxWithTheAppsProblemShape() throws Exception {
        assertCapped("/api/auth/login", 8);
    }

    @Test
    void theRestOfTheApiBeyondItsCapIsRefusedByNginx() throws Exception {
        assertCapped("/api/coupons/42/issue", 32);
    }

    @Test
    void adminRoutesAreNotCappedSoOperatorsCanSteerAFullCluster() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = send("/api/admin/rate-limits", 40);
        awaitReached(40);
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> response : held) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theAppsOwn429PassesThroughUnchanged() throws Exception {
        HttpResponse<String> response = send("/api/app-refuses", 1).getFirst().get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).isEqualTo("{\"code\":\"FROM_THE_APP\"}");
    }

    private void assertCapped(String path, int cap) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = send(path, cap);
        awaitReached(cap);
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> excess = send(path, 5);
        for (CompletableFuture<HttpResponse<String>> future : excess) {
            HttpResponse<String> response = future.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(problem.path("type").asString()).isEqualTo("/problems/too-many-requests");
            assertThat(problem.path("status").asInt()).isEqualTo(429);
            assertThat(problem.path("reason").asString()).isEqualTo("edge-concurrency");
        }
        // answered while the admitted requests are still held upstream, and none of the excess reached it
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(reached).hasValue(cap);
        assertThat(held).noneMatch(CompletableFuture::isDone);
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> response : held) {
            assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private List<CompletableFuture<HttpResponse<String>>> send(String path, int count) {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return responses;
    }

    private void awaitReached(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (reached.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reached).as("requests held by the upstream").hasValue(count);
    }

    private void hold(HttpExchange exchange) throws IOException {
        reached.incrementAndGet();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(exchange, 200, "{}");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
