package io.surge.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for integration tests: real sockets, real filters, thread-safe for race tests. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, Object body, String token) {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public Response put(String path, Object body, String token) {
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** One signup of a new member (a fresh email), whatever the answer: for floods against the hash budget. */
    public Response signUpNew(String emailPrefix) {
        return post(
                "/api/auth/signup",
                Map.of(
                        "email",
                        emailPrefix + "-" + java.util.UUID.randomUUID() + "@example.com",
                        "password",
                        "pw-123456",
                        "name",
                        "F"),
                null);
    }

    /** Signs up (cheap hash cost in tests) and logs in; returns the bearer token. */
    public String signUpAndLogIn(String email) {
        Response signup =
                post("/api/auth/signup", Map.of("email", email, "password", "password123", "name", "T"), null);
        if (signup.status() != 201) {
            throw new IllegalStateException("signup failed: " + signup);
        }
        return logIn(email, "password123");
    }

    public String logIn(String email, String password) {
        Response login = post("/api/auth/login", Map.of("email", email, "password", password), null);
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return login.json().get("accessToken").asString();
    }

    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }
}
