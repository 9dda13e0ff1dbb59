package io.surge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.IntegrationTest;
import io.surge.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What main answered with a 500 or an HTML page (found by fuzzing it): every one of these is now a problem document
 * with a stable code, whether Tomcat, the security firewall or the token decoder refused it.
 */
@IntegrationTest
class MalformedRequestIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void aTokenWhoseSegmentsDecodeToNullArraysOrNumbersIs401NotA500() {
        for (String header : new String[] {"null", "[]", "1", "\"x\"", "{\"alg\":\"HS256\",\"crit\":[\"x\"]}"}) {
            String token = b64(header) + ".e30.c2ln";
            for (String path : new String[] {"/api/members/me", "/api/coupons/1/issue", "/api/admin/rate-limits"}) {
                String method = path.endsWith("issue") ? "POST" : "GET";
                var answer = RawHttp.send(
                        port,
                        method + " " + path + " HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nContent-Length: 0",
                        null);
                assertProblem(answer, 401, "UNAUTHORIZED");
            }
        }
    }

    @Test
    void requestsTomcatRefusesBeforeTheApplicationAreProblemsNotHtml() {
        String[] lines = {
            "GET /api/%00 HTTP/1.1",
            "GET /api/a%2fb HTTP/1.1",
            "GET /api/%zz HTTP/1.1",
            "GET /api/%c0%ae HTTP/1.1",
            "POST /api/coupons/%00/issue HTTP/1.1",
            "GET /api/{x} HTTP/1.1",
            "GET /api/a\\b HTTP/1.1",
            "GET api HTTP/1.1",
            "GET * HTTP/1.1",
            "G(T /api HTTP/1.1",
            "GET /api/members/me HTTP/1.1\r\nBad Header: y",
            "POST /api/auth/login HTTP/1.1\r\nContent-Length: abc",
            "POST /api/auth/login HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6",
        };
        for (String line : lines) {
            assertProblem(RawHttp.send(port, line, null), 400, "MALFORMED_REQUEST");
        }
        assertProblem(RawHttp.send(port, "GET /api HTTP/9.9", null), 505, "INTERNAL_ERROR");
    }

    @Test
    void requestsTheFirewallRefusesAreProblemsNotBootsErrorBody() {
        for (String path : new String[] {"/api/%2e%2e/x", "/api/..;/x", "/api/a;b", "/api//x", "/api/%25"}) {
            assertProblem(RawHttp.send(port, "GET " + path + " HTTP/1.1", null), 400, "MALFORMED_REQUEST");
        }
        assertProblem(RawHttp.send(port, "FOO /api HTTP/1.1", null), 400, "MALFORMED_REQUEST");
        assertProblem(RawHttp.send(port, "GET /error HTTP/1.1", null), 404, "NOT_FOUND");
    }

    /** Found by the fuzzer, 500s on main: odd content types and undecodable parameters are the client's fault. */
    @Test
    void oddContentTypesAndUndecodableParametersAre4xxProblems() {
        byte[] junk = {(byte) 0xff, '%', 'z', 'z', '=', (byte) 0xc3};
        String length = "\r\nContent-Length: " + junk.length;
        assertProblem(
                RawHttp.send(
                        port,
                        "PUT /api/members/me/wallet HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded"
                                + length,
                        junk),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(
                RawHttp.send(
                        port,
                        "POST /api/auth/login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded" + length,
                        junk),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(
                RawHttp.send(port, "POST /api/auth/signup HTTP/1.1\r\nContent-Type: */*" + length, junk),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(RawHttp.send(port, "GET /api/products?size=%zz HTTP/1.1", null), 400, "MALFORMED_REQUEST");
        assertProblem(RawHttp.send(port, "GET /api/products?category=%ff%fe HTTP/1.1", null), 400, "MALFORMED_REQUEST");
    }

    /** On main only Content-Length was checked: a chunked body of any size went straight into the JSON reader. */
    @Test
    void aChunkedBodyOverTheLimitIs413OnTheStream() {
        String big =
                "{\"email\":\"a@b.example\",\"password\":\"password123\",\"name\":\"" + "x".repeat(200_000) + "\"}";
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream chunked = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += 8192) {
            int size = Math.min(8192, bytes.length - at);
            chunked.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(bytes, at, size);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = "POST /api/auth/signup HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked";

        assertProblem(RawHttp.send(port, head, chunked.toByteArray()), 413, "PAYLOAD_TOO_LARGE");

        byte[] small = "{\"email\":\"not-an-email\"}".getBytes(StandardCharsets.UTF_8);
        byte[] smallChunked = (Integer.toHexString(small.length) + "\r\n" + new String(small, StandardCharsets.UTF_8)
                        + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(RawHttp.send(port, head, smallChunked), 400, "VALIDATION_FAILED");
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.head()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("code").asString()).as(answer.body()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(answer.body())
                .doesNotContain("Tomcat")
                .doesNotContain("Exception")
                .doesNotContain("<html");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
