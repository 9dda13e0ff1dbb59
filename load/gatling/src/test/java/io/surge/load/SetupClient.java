package io.surge.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a run needs, created through the API with the admin credentials, as k6's setup() does: per-IP rate limits
 * raised (restored in teardown), a campaign, a pool of members (signed up once, logged in; tokens cached under
 * target/load so a second run on the same stage skips the bcrypt of every login).
 */
final class SetupClient {

    record Member(String token, String memberId) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScenarioFile file;
    private String admin;

    SetupClient(ScenarioFile file) {
        this.file = file;
    }

    String adminLogin() {
        String email = ScenarioFile.knob("ADMIN_EMAIL", ScenarioFile.knob("SURGE_ADMIN_EMAIL", ""));
        String password = ScenarioFile.knob("ADMIN_PASSWORD", ScenarioFile.knob("SURGE_ADMIN_PASSWORD", ""));
        if (email.isBlank()) throw new IllegalStateException("set ADMIN_EMAIL and ADMIN_PASSWORD (stage/run up prints them)");
        JsonNode body = expect(200, send("POST", "/api/auth/login", login(email, password), null));
        admin = body.path("accessToken").asText();
        return admin;
    }

    void raiseRateLimits() {
        ObjectNode body = JSON.createObjectNode();
        body.set("limits", file.root.path("setup").path("rateLimits"));
        expect(200, send("PUT", "/api/admin/rate-limits", body.toString(), admin));
    }

    void restoreRateLimits() {
        file.root.path("setup").path("rateLimits").fieldNames().forEachRemaining(name -> {
            try {
                send("DELETE", "/api/admin/rate-limits/" + name, null, admin);
            } catch (RuntimeException e) {
                System.err.println("[twin] restoring rate limit " + name + " failed: " + e.getMessage());
            }
        });
    }

    long createCampaign(long quantity) {
        Instant now = Instant.now();
        ObjectNode body = JSON.createObjectNode()
                .put("name", "twin " + file.name + " " + now)
                .put("discountType", "PERCENT")
                .put("discountValue", 10)
                .put("totalQuantity", quantity)
                .put("issueStartsAt", now.minusSeconds(60).toString())
                .put("issueEndsAt", now.plusSeconds(6 * 3600).toString())
                .put("validDays", 7);
        return expect(201, send("POST", "/api/admin/coupons", body.toString(), admin))
                .path("couponId")
                .asLong();
    }

    /** Signs up (409 = an earlier run did) and logs in count members of one kind, in parallel; cached tokens first. */
    List<Member> pool(String kind, int count) {
        if (count == 0) return List.of();
        String pool = ScenarioFile.knob("POOL", "twin");
        Path cache = file.repo.resolve("target/load/twin-members-" + pool + "-" + kind + ".json");
        List<Member> members = new ArrayList<>(readCache(cache));
        if (members.size() >= count) {
            System.out.println("[twin] " + count + " " + kind + " members from " + cache);
            return members.subList(0, count);
        }
        System.out.println("[twin] " + members.size() + " " + kind + " members cached, creating " + (count - members.size()));
        String pattern = file.root.path("setup").path("memberEmailPattern").asText();
        String password = file.root.path("setup").path("memberPassword").asText();
        int parallel = file.root.path("setup").path("setupParallelism").asInt(16);
        try (ExecutorService workers = Executors.newFixedThreadPool(parallel)) {
            List<Future<Member>> futures = new ArrayList<>();
            for (int i = members.size(); i < count; i++) {
                String email = pattern.replace("{pool}", pool + "-" + kind).replace("{i}", String.valueOf(i));
                int n = i;
                futures.add(workers.submit(() -> member(email, password, n)));
            }
            for (Future<Member> f : futures) members.add(f.get());
        } catch (Exception e) {
            throw new IllegalStateException("member setup failed", e);
        }
        writeCache(cache, members);
        return members;
    }

    private Member member(String email, String password, int n) {
        ObjectNode signup = JSON.createObjectNode()
                .put("email", email)
                .put("password", password)
                .put("name", "Load " + n);
        HttpResponse<String> signed = send("POST", "/api/auth/signup", signup.toString(), null);
        if (signed.statusCode() != 201 && signed.statusCode() != 409) expect(201, signed);
        String memberId = null;
        if (signed.statusCode() == 201) memberId = read(signed.body()).path("memberId").asText();
        JsonNode logged = expect(200, send("POST", "/api/auth/login", login(email, password), null));
        String token = logged.path("accessToken").asText();
        if (memberId == null) {
            memberId = expect(200, send("GET", "/api/members/me", null, token))
                    .path("memberId")
                    .asText();
        }
        return new Member(token, memberId);
    }

    /** Members of an earlier run on the same stage whose tokens still work (empty when there are none). */
    private List<Member> readCache(Path cache) {
        try {
            if (!Files.exists(cache)) return List.of();
            JsonNode node = read(Files.readString(cache));
            if (node.path("members").isEmpty()
                    || Instant.parse(node.path("at").asText()).isBefore(Instant.now().minusSeconds(45 * 60))) {
                return List.of();
            }
            String first = node.path("members").get(0).path("token").asText();
            if (send("GET", "/api/members/me", null, first).statusCode() != 200) return List.of();
            List<Member> members = new ArrayList<>();
            node.path("members").forEach(m -> members.add(new Member(m.path("token").asText(), m.path("memberId").asText())));
            return members;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private void writeCache(Path cache, List<Member> members) {
        try {
            Files.createDirectories(cache.getParent());
            ObjectNode node = JSON.createObjectNode().put("at", Instant.now().toString());
            var array = node.putArray("members");
            members.forEach(m -> array.addObject().put("token", m.token()).put("memberId", m.memberId()));
            Files.writeString(cache, node.toString());
        } catch (IOException e) {
            System.err.println("[twin] could not cache tokens: " + e.getMessage());
        }
    }

    private static String login(String email, String password) {
        return JSON.createObjectNode().put("email", email).put("password", password).toString();
    }

    HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(file.baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            // setup is not the load: a 429 (the password-hash budget, the edge cap) is waited out, as a client would
            HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (int attempt = 1; response.statusCode() == 429 && attempt < 60; attempt++) {
                Thread.sleep(250L + ThreadLocalRandom.current().nextLong(250));
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
