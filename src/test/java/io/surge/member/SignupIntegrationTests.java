package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class SignupIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void signupCreatesMemberWithNormalisedEmailAndHashedPassword() {
        String local = "New.User+" + UUID.randomUUID();
        var response = api.post(
                "/api/auth/signup",
                Map.of("email", "  " + local + "@Example.COM ", "password", "password123", "name", " Ada "),
                null);

        assertThat(response.status()).isEqualTo(201);
        String email = local.toLowerCase() + "@example.com";
        assertThat(response.json().get("email").asString()).isEqualTo(email);
        assertThat(response.json().get("name").asString()).isEqualTo("Ada");
        long memberId = response.json().get("memberId").asLong();
        String hash = jdbc.sql("SELECT password_hash FROM member WHERE id = ?")
                .param(memberId)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2a$").doesNotContain("password123");
    }

    @Test
    void duplicateEmailIsConflictInAnyCase() {
        String email = "dup-" + UUID.randomUUID() + "@example.com";
        api.post("/api/auth/signup", Map.of("email", email, "password", "password123", "name", "A"), null);

        var again = api.post(
                "/api/auth/signup", Map.of("email", email.toUpperCase(), "password", "password123", "name", "B"), null);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("EMAIL_ALREADY_REGISTERED");
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    static Stream<Arguments> badSignups() {
        return Stream.of(
                Arguments.of("{\"email\":\"not-an-email\",\"password\":\"password123\",\"name\":\"A\"}", "email"),
                Arguments.of("{\"email\":\"\",\"password\":\"password123\",\"name\":\"A\"}", "email"),
                Arguments.of("{\"password\":\"password123\",\"name\":\"A\"}", "email"),
                Arguments.of("{\"email\":\"a@b.io\",\"password\":\"short\",\"name\":\"A\"}", "password"),
                Arguments.of(
                        "{\"email\":\"a@b.io\",\"password\":\"" + "p".repeat(73) + "\",\"name\":\"A\"}", "password"),
                Arguments.of(
                        "{\"email\":\"a@b.io\",\"password\":\"" + "é".repeat(40) + "\",\"name\":\"A\"}", "password"),
                Arguments.of("{\"email\":\"a@b.io\",\"name\":\"A\"}", "password"),
                Arguments.of("{\"email\":\"a@b.io\",\"password\":\"password123\",\"name\":\"   \"}", "name"),
                Arguments.of(
                        "{\"email\":\"a@b.io\",\"password\":\"password123\",\"name\":\"" + "n".repeat(51) + "\"}",
                        "name"));
    }

    @ParameterizedTest
    @MethodSource("badSignups")
    void invalidFieldsAreValidationProblems(String body, String field) {
        var response = api.post("/api/auth/signup", body, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.surge");
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("{not json", "MALFORMED_REQUEST"),
                Arguments.of("", "MALFORMED_REQUEST"),
                Arguments.of("[1,2,3]", "MALFORMED_REQUEST"),
                Arguments.of("{\"email\":{\"a\":1},\"password\":\"password123\",\"name\":\"A\"}", "MALFORMED_REQUEST"));
    }

    @ParameterizedTest
    @MethodSource("malformedRequests")
    void malformedBodiesAreClientErrorsNeverServerErrors(String body, String code) {
        var response = api.post("/api/auth/signup", body, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void oversizedBodyIsRejectedWith413() {
        String huge = "{\"email\":\"a@b.io\",\"password\":\"password123\",\"name\":\"" + "x".repeat(200_000) + "\"}";

        var response = api.post("/api/auth/signup", huge, null);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void wrongMediaTypeAndMethodAreProblems() {
        var text = api.send(api.request("/api/auth/signup", null)
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello"))
                .build());
        var get = api.get("/api/auth/signup", null);

        assertThat(text.status()).isEqualTo(415);
        assertThat(text.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(get.status()).isIn(401, 405);
        assertThat(get.header("Content-Type")).startsWith("application/problem+json");
    }
}
