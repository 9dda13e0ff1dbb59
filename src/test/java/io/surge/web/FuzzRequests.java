package io.surge.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates hostile HTTP requests from a seeded {@link Random}, so a failing request is reproduced by its seed and
 * index: routes with odd path variables and odd paths, every method, wrong content types, bodies that are malformed,
 * oversized, wrongly typed or full of huge and negative numbers, and every malformed token shape. A property-based
 * library would add shrinking; jqwik, the obvious one, still targets JUnit Platform 1 (this build runs 6), so this is
 * a plain generator.
 */
final class FuzzRequests {

    /**
     * One request: the route it was made from ({@code "METHOD /pattern"}, null for an odd path), raw head (request
     * line + headers, CRLF separated) and body bytes.
     */
    record Request(String method, String route, String head, byte[] body) {

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            return head.replace("\r\n", " | ") + (text.isEmpty() ? "" : " || " + text);
        }
    }

    static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO", "get"};
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json",
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=nonsense",
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/problem+json",
        "*/*",
        "garbage",
        null
    };
    private static final String[] ACCEPTS = {
        null, null, "application/json", "text/html", "application/xml", "*/*", "x/y"
    };
    private static final String[] FIELDS = {
        "email",
        "password",
        "name",
        "amount",
        "items",
        "optionId",
        "quantity",
        "userCouponId",
        "discountType",
        "discountValue",
        "totalQuantity",
        "issueStartsAt",
        "issueEndsAt",
        "validDays",
        "limits",
        "capacity",
        "refillPerSecond",
        "enabled",
        "listeners",
        "reason",
        "page",
        "size",
        "coupon-issue-member",
        "api-member"
    };
    private static final String[] PATH_VALUES = {
        "1",
        "0",
        "-1",
        "2147483648",
        "9223372036854775807",
        "9223372036854775808",
        "99999999999999999999999",
        "abc",
        "1.5",
        "1e3",
        "%00",
        "%2e%2e",
        "%2f",
        "%252f",
        "%zz",
        "%c0%ae",
        "%e2%80%ae",
        "%20",
        "+",
        "null",
        "coupon-issue-member",
        "..",
        ".",
        ";",
        "a;b=c",
        "x".repeat(300),
        "%F0%9F%92%A5",
        "1%0d%0aX-Injected:%20yes"
    };
    private static final String[] ODD_PATHS = {
        "/",
        "//",
        "/api",
        "/api/",
        "/api//members/me",
        "/api/./members/me",
        "/api/../api/members/me",
        "/api/%2e%2e/actuator",
        "/api/..;/admin/rate-limits",
        "/API/MEMBERS/ME",
        "/api/members/me/",
        "/api/members/me.json",
        "/api/members/me;jsessionid=1",
        "/api/members/me?%zz",
        "/api/products?page=-1&size=99999999999",
        "/api/products?page=abc",
        "/api/products/top?days=-5&limit=1000000",
        "/api/products/top?days=1e9",
        "/api/members/me/orders?page=2147483648&size=0",
        "/api/admin/dead-letters?size=-1",
        "/error",
        "/error/x",
        "/actuator",
        "/actuator/env",
        "/actuator/heapdump",
        "/actuator/prometheus",
        "/healthz",
        "/readyz",
        "/readyz/x",
        "/v3/api-docs",
        "/swagger-ui.html",
        "/api/%00",
        "/api/a%2fb",
        "/%5c",
        "/api/\u00e9",
        "/api/" + "a/".repeat(200),
        "/api/coupons/1/issue?x=" + "y".repeat(5000),
        "*",
        "/api/{x}",
        "/api/a b",
        "/api/coupons/%ff/issue"
    };

    private final Random random;
    private final List<String> routes;
    private final Supplier<String> userToken;
    private final Supplier<String> adminToken;
    private final Supplier<String> forgedToken;
    private final int maxBodyBytes;

    FuzzRequests(
            long seed,
            List<String> routes,
            Supplier<String> userToken,
            Supplier<String> adminToken,
            Supplier<String> forgedToken,
            int maxBodyBytes) {
        this.random = new Random(seed);
        this.routes = routes;
        this.userToken = userToken;
        this.adminToken = adminToken;
        this.forgedToken = forgedToken;
        this.maxBodyBytes = maxBodyBytes;
    }

    Request next() {
        String route = chance(85) ? pick(routes) : null;
        String mapped = route == null ? "*" : route.substring(0, route.indexOf(' '));
        String method;
        if (!mapped.equals("*") && chance(70)) {
            method = mapped;
        } else {
            method = chance(85) ? pick("GET", "POST", "POST", "PUT", "DELETE") : pick(METHODS);
        }
        String path = route != null ? fill(route.substring(route.indexOf(' ') + 1)) : pick(ODD_PATHS);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1");
        String authorization = authorization();
        if (authorization != null) {
            head.append("\r\nAuthorization: ").append(authorization);
        }
        String accept = pick(ACCEPTS);
        if (accept != null) {
            head.append("\r\nAccept: ").append(accept);
        }
        if (chance(3)) {
            head.append("\r\nX-Real-IP: ").append(pick("1.2.3.4", "not-an-ip", "", "::1", "999.999.999.999"));
        }
        if (chance(3)) {
            head.append("\r\nIdempotency-Key: ").append(pick("k", "", "x".repeat(500), "\u00ff"));
        }
        byte[] body = null;
        if (!method.equals("GET") && !method.equals("HEAD") && chance(80)) {
            body = body();
            String contentType = pick(CONTENT_TYPES);
            if (contentType != null) {
                head.append("\r\nContent-Type: ").append(contentType);
            }
            if (chance(10)) { // chunked, no declared length: the size limit must hold on the stream
                head.append("\r\nTransfer-Encoding: chunked");
                body = chunked(body);
            } else {
                head.append("\r\nContent-Length: ").append(body.length);
            }
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            head.append("\r\nContent-Length: 0");
        }
        return new Request(method, route, head.toString(), body);
    }

    private String fill(String route) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (true) {
            int open = route.indexOf('{', at);
            if (open < 0) {
                path.append(route, at, route.length());
                break;
            }
            int close = route.indexOf('}', open);
            path.append(route, at, open);
            path.append(chance(50) ? Integer.toString(random.nextInt(5) + 1) : pick(PATH_VALUES));
            at = close + 1;
        }
        if (chance(15)) {
            path.append(pick("?page=", "?size=", "?days=", "?limit=", "?category="))
                    .append(pick(PATH_VALUES));
        }
        return path.toString();
    }

    private String authorization() {
        int roll = random.nextInt(100);
        if (roll < 20) {
            return null;
        }
        if (roll < 45) {
            return "Bearer " + userToken.get();
        }
        if (roll < 65) {
            return "Bearer " + adminToken.get();
        }
        if (roll < 70) {
            return pick("Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "bearer " + userToken.get(), "Token x", "");
        }
        return "Bearer " + malformedToken();
    }

    /** Every shape a token can be wrong in; signed ones come from {@code forgedToken} (right key, wrong claims). */
    String malformedToken() {
        String[] json = {
            "null",
            "[]",
            "[1]",
            "1",
            "-0",
            "1e999",
            "\"x\"",
            "true",
            "{",
            "{}",
            "{\"alg\":null}",
            "{\"alg\":\"none\"}",
            "{\"alg\":\"RS256\"}",
            "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
            "{\"alg\":\"HS512\"}",
            "{\"alg\":[\"HS256\"]}",
            "{\"sub\":null}",
            "{\"sub\":\"1\",\"exp\":1e400}",
            "{\"sub\":[],\"exp\":{}}"
        };
        return switch (random.nextInt(7)) {
            case 0 -> b64(pick(json)) + "." + b64(pick(json)) + "." + b64(pick(json));
            case 1 -> b64(pick(json)) + ".e30." + pick("", "AAAA", "!!!", "c2ln");
            case 2 -> forgedToken.get();
            case 3 -> pick("a", "a.b", "a.b.c.d", "..", "...", ".e30.", "%00.%00.%00", "\u00e9.\u00e9.\u00e9");
            case 4 -> "x".repeat(random.nextInt(10_000) + 4_000);
            case 5 -> userToken.get() + pick("x", ".", "==", "%");
            default -> b64("{\"alg\":\"HS256\"}") + "." + b64(pick(json)) + "." + b64(randomText(32));
        };
    }

    private byte[] body() {
        int roll = random.nextInt(100);
        if (roll < 5) {
            return new byte[0];
        }
        if (roll < 10) { // over the limit, declared or chunked
            return ("{\"name\":\"" + "x".repeat(maxBodyBytes + random.nextInt(10_000)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 20) {
            byte[] garbage = new byte[random.nextInt(200) + 1];
            random.nextBytes(garbage);
            return garbage;
        }
        if (roll < 30) {
            return pick(
                            "{",
                            "}",
                            "[",
                            "{\"a\":}",
                            "{\"email\":\"a@b.c\",}",
                            "nul",
                            "\"",
                            "{\"amount\":1e99999}",
                            "{\"amount\":-}",
                            "[".repeat(5_000),
                            "{\"a\":".repeat(3_000),
                            "\ufeff{}",
                            "{\"items\":[" + "{},".repeat(2_000) + "{}]}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return json(3).getBytes(StandardCharsets.UTF_8);
    }

    private String json(int depth) {
        int kind = depth <= 0 ? random.nextInt(6) : random.nextInt(9);
        return switch (kind) {
            case 0 -> number();
            case 1 -> '"' + escape(pick(texts())) + '"';
            case 2 -> pick("true", "false", "null");
            case 3, 4, 5 -> '"' + escape(randomText(random.nextInt(40))) + '"';
            case 6 -> {
                List<String> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    items.add(json(depth - 1));
                }
                yield "[" + String.join(",", items) + "]";
            }
            default -> {
                List<String> fields = new ArrayList<>();
                for (int i = random.nextInt(6) + 1; i > 0; i--) {
                    fields.add('"' + pick(FIELDS) + "\":" + json(depth - 1));
                }
                yield "{" + String.join(",", fields) + "}";
            }
        };
    }

    private String[] texts() {
        return new String[] {
            "",
            " ",
            "PERCENT",
            "AMOUNT",
            "percent",
            "2026-12-01T00:00:00Z",
            "yesterday",
            "2026-13-45T99:99:99Z",
            "-999999999-01-01T00:00:00Z",
            "not-an-email",
            "@",
            "a".repeat(300),
            "\u0000",
            "\ud83d\udca5",
            "\\u0000",
            "<script>",
            "' OR 1=1 --",
            "${jndi:ldap://x}",
            "../../etc/passwd",
            "coupon-issue-member",
            "x".repeat(5_000)
        };
    }

    private String number() {
        return pick(
                "0",
                "-1",
                "1",
                "100000000",
                "100000001",
                "2147483647",
                "2147483648",
                "-2147483649",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e308",
                "1e309",
                "-1e309",
                "0.5",
                "1.0",
                "-0",
                "1E2",
                "123456789012345678901234567890",
                Long.toString(random.nextLong()),
                Double.toString(random.nextDouble() * 1e6));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(chance(80) ? 32 + random.nextInt(95) : random.nextInt(0x2FFFF));
        }
        return text.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int size = Math.min(body.length - at, 1 + random.nextInt(16_384));
            bytes.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.write(body, at, size);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += size;
        }
        bytes.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
