package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Metrics;
import io.surge.support.RawHttp;
import io.surge.support.Tokens;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * The two refusals a flash sale answers most, byte for byte as main answered them when they were resolved by MVC's
 * exception machinery (captured 2026-12-01 from main a70bc2a): status line, every header but Date in order, the body
 * with its field order, and the metrics each one counts; and the winner's head, whose answer comes from the same
 * method. Whatever path produces them must keep all of it.
 */
@IntegrationTest
class CouponRefusalParityIntegrationTests {

    /** The headers main sends on every answer of the route, before the content headers (Date left out: the clock). */
    private static final String SECURITY_HEADERS = "X-Content-Type-Options: nosniff\r\nX-XSS-Protection: 0\r\n"
            + "Cache-Control: no-cache, no-store, max-age=0, must-revalidate\r\nPragma: no-cache\r\nExpires: 0\r\n"
            + "X-Frame-Options: DENY\r\n";

    private static final String REFUSAL_HEAD = "HTTP/1.1 409 \r\n" + SECURITY_HEADERS
            + "Content-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\nConnection: close";

    /** The winner's head (its answer moved to the same method): a fixed length, not chunked. */
    private static final String ISSUED_HEAD = "HTTP/1.1 201 \r\n" + SECURITY_HEADERS
            + "Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close";

    private static final String ISSUED = "{\"userCouponId\":%d,\"couponId\":%d,\"couponName\":\"Flash 5\","
            + "\"discountType\":\"PERCENT\",\"discountValue\":10,\"expiresAt\":\"";

    private static final String ALREADY_ISSUED = "{\"detail\":\"You already hold a coupon from campaign %d.\","
            + "\"instance\":\"%s\",\"status\":409,\"title\":\"Conflict\",\"type\":\"/problems/coupon-already-issued\","
            + "\"code\":\"COUPON_ALREADY_ISSUED\"}";

    private static final String SOLD_OUT = "{\"detail\":\"Coupon campaign %d is sold out.\",\"instance\":\"%s\","
            + "\"status\":409,\"title\":\"Conflict\",\"type\":\"/problems/coupon-sold-out\",\"code\":\"COUPON_SOLD_OUT\"}";

    /** Accept headers a client may send; main answered problem+json to every one of them. */
    private static final String[] ACCEPTS = {
        null, "application/json", "*/*", "application/problem+json", "text/html", "application/xml"
    };

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JwtEncoder encoder;

    Api api;
    Tokens tokens;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tokens = new Tokens(encoder);
    }

    @Test
    void alreadyIssuedIsAnsweredExactlyAsMainAnswersIt() {
        long couponId = Campaigns.open(api, tokens.admin(1), 5);
        String path = "/api/coupons/" + couponId + "/issue";
        long member = 78_100_001;
        RawHttp.Answer won = issue(path, member, null);
        assertThat(won.body()).startsWith(ISSUED.formatted(couponId * 1_000_000_000L + 1, couponId));
        assertThat(withoutDate(won)).isEqualTo(ISSUED_HEAD.formatted(won.body().length()));
        double counted = count("already_issued");
        double refusals = refusalsSeen();

        for (String accept : ACCEPTS) {
            assertExact(issue(path, member, accept), ALREADY_ISSUED.formatted(couponId, path), "Accept " + accept);
        }
        // the instance is the path as the client sent it, not one rebuilt from the id
        String zeroPadded = "/api/coupons/0" + couponId + "/issue";
        assertExact(issue(zeroPadded, member, null), ALREADY_ISSUED.formatted(couponId, zeroPadded), "zero-padded id");
        assertExact(issue(path + "?x=1", member, null), ALREADY_ISSUED.formatted(couponId, path), "query string");

        int answered = ACCEPTS.length + 2;
        assertThat(count("already_issued") - counted).isEqualTo(answered);
        assertThat(refusalsSeen() - refusals).isEqualTo(answered);
    }

    @Test
    void soldOutIsAnsweredExactlyAsMainAnswersItFromTheLocalFlagAndFromRedis() throws InterruptedException {
        long couponId = Campaigns.open(api, tokens.admin(1), 1);
        String path = "/api/coupons/" + couponId + "/issue";
        assertThat(issue(path, 78_200_001, null).status()).isEqualTo(201);
        double counted = count("sold_out");
        double refusals = refusalsSeen();

        // right after the last unit: answered from this instance's sold-out flag, no Redis call
        long member = 78_200_100;
        for (String accept : ACCEPTS) {
            assertExact(issue(path, member++, accept), SOLD_OUT.formatted(couponId, path), "flag, Accept " + accept);
        }
        // once the flag has expired (1 s): the script says sold out
        Thread.sleep(Duration.ofMillis(1_300));
        assertExact(issue(path, member++, null), SOLD_OUT.formatted(couponId, path), "from Redis");
        // a holder asking again after the sell-out is told sold out too (the flag is checked first)
        assertExact(issue(path, 78_200_001, null), SOLD_OUT.formatted(couponId, path), "holder after sell-out");

        int answered = ACCEPTS.length + 2;
        assertThat(count("sold_out") - counted).isEqualTo(answered);
        assertThat(refusalsSeen() - refusals).isEqualTo(answered);
    }

    /** The route answers two body types now; its API description still names the winner's, as main's did. */
    @Test
    void theApiDescriptionStillGivesTheWinnersSchema() {
        var created = api.get("/v3/api-docs", null)
                .json()
                .path("paths")
                .path("/api/coupons/{couponId}/issue")
                .path("post")
                .path("responses")
                .path("201");

        assertThat(created.path("description").asString()).isEqualTo("Created");
        assertThat(created.path("content")
                        .path("*/*")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/IssuedCoupon");
    }

    private RawHttp.Answer issue(String path, long member, String accept) {
        String head = "POST " + path + " HTTP/1.1\r\nAuthorization: Bearer " + tokens.member(member)
                + "\r\nContent-Length: 0" + (accept == null ? "" : "\r\nAccept: " + accept);
        return RawHttp.send(port, head, new byte[0]);
    }

    private static void assertExact(RawHttp.Answer answer, String body, String what) {
        assertThat(withoutDate(answer)).as(what).isEqualTo(REFUSAL_HEAD);
        assertThat(answer.body()).as(what).isEqualTo(body);
    }

    private static String withoutDate(RawHttp.Answer answer) {
        return answer.head().replaceFirst("\r\nDate: [^\r]*", "");
    }

    private double count(String outcome) {
        return metric("surge_coupon_issue_total\\{application=\"surge\",outcome=\"" + outcome + "\"}");
    }

    /** The route's 409s in http_server_requests, with the tags main gives them (no exception tag: it was handled). */
    private double refusalsSeen() {
        return metric("http_server_requests_seconds_count\\{application=\"surge\",error=\"none\",exception=\"none\","
                + "method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"409\",uri=\"/api/coupons/\\{couponId}/issue\"}");
    }

    private double metric(String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.E]+)$").matcher(Metrics.scrape(managementPort));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
