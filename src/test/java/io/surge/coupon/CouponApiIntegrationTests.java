package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;

@IntegrationTest
class CouponApiIntegrationTests {

    private static final AtomicLong MEMBERS = new AtomicLong(5_000_000);
    /** A USER no signup of this run produces: a low id may be a member another test class logged out (revoked). */
    private static final long NOT_SIGNED_UP = 4_999_999;

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Tokens tokens;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        tokens = new Tokens(encoder);
        admin = tokens.admin(1);
    }

    @Test
    void adminCreatesCampaignAnyoneReadsIt() {
        long couponId = Campaigns.open(api, admin, 3);

        var view = api.get("/api/coupons/" + couponId, null);

        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("totalQuantity").asInt()).isEqualTo(3);
        assertThat(view.json().get("remainingQuantity").asInt()).isEqualTo(3);
        assertThat(view.json().get("discountType").asString()).isEqualTo("PERCENT");
        assertThat(view.json().has("issueStartsAt")).isTrue();
    }

    @Test
    void onlyAdminsCreateCampaignsAndBadSpecsAreValidationProblems() {
        Map<String, Object> spec = Map.of(
                "name",
                "X",
                "discountType",
                "AMOUNT",
                "discountValue",
                500,
                "totalQuantity",
                10,
                "issueStartsAt",
                Instant.now().toString(),
                "issueEndsAt",
                Instant.now().plusSeconds(600).toString(),
                "validDays",
                3);
        assertThat(api.post("/api/admin/coupons", spec, tokens.member(NOT_SIGNED_UP))
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/admin/coupons", spec, null).status()).isEqualTo(401);

        String endsBeforeStart = "{\"name\":\"X\",\"discountType\":\"AMOUNT\",\"discountValue\":5,\"totalQuantity\":1,"
                + "\"issueStartsAt\":\"2030-01-02T00:00:00Z\",\"issueEndsAt\":\"2030-01-01T00:00:00Z\",\"validDays\":1}";
        String percentOver100 =
                "{\"name\":\"X\",\"discountType\":\"PERCENT\",\"discountValue\":150,\"totalQuantity\":1,"
                        + "\"issueStartsAt\":\"2030-01-01T00:00:00Z\",\"issueEndsAt\":\"2030-01-02T00:00:00Z\",\"validDays\":1}";
        String zeroQuantity = "{\"name\":\"X\",\"discountType\":\"AMOUNT\",\"discountValue\":5,\"totalQuantity\":0,"
                + "\"issueStartsAt\":\"2030-01-01T00:00:00Z\",\"issueEndsAt\":\"2030-01-02T00:00:00Z\",\"validDays\":1}";
        String unknownType = "{\"name\":\"X\",\"discountType\":\"FREE\",\"discountValue\":5,\"totalQuantity\":1,"
                + "\"issueStartsAt\":\"2030-01-01T00:00:00Z\",\"issueEndsAt\":\"2030-01-02T00:00:00Z\",\"validDays\":1}";
        for (String bad : new String[] {endsBeforeStart, percentOver100, zeroQuantity}) {
            var response = api.post("/api/admin/coupons", bad, admin);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        }
        var typeProblem = api.post("/api/admin/coupons", unknownType, admin);
        assertThat(typeProblem.status()).isEqualTo(400);
        assertThat(typeProblem.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void issueAnswersEachOutcomeWithItsCode() {
        long couponId = Campaigns.open(api, admin, 2);
        long firstId = MEMBERS.incrementAndGet();
        String first = tokens.member(firstId);
        String second = tokens.member(MEMBERS.incrementAndGet());

        var issued = api.post("/api/coupons/" + couponId + "/issue", "", first);
        var again = api.post("/api/coupons/" + couponId + "/issue", "", first);
        var last = api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(MEMBERS.incrementAndGet()));
        var soldOut = api.post("/api/coupons/" + couponId + "/issue", "", second);
        var anonymous = api.post("/api/coupons/" + couponId + "/issue", "", null);
        var unknown = api.post("/api/coupons/987654321/issue", "", second);
        var notANumber = api.post("/api/coupons/abc/issue", "", second);

        assertThat(issued.status()).isEqualTo(201);
        long userCouponId = issued.json().get("userCouponId").asLong();
        assertThat(userCouponId).isEqualTo(couponId * 1_000_000_000L + 1);
        assertThat(issued.json().get("couponId").asLong()).isEqualTo(couponId);
        assertThat(issued.json().get("couponName").asString()).isEqualTo("Flash 2");
        assertThat(issued.json().get("discountValue").asLong()).isEqualTo(10);
        assertThat(Instant.parse(issued.json().get("expiresAt").asString()))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(7)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("COUPON_ALREADY_ISSUED");
        assertThat(last.status()).isEqualTo(201);
        assertThat(last.json().get("userCouponId").asLong()).isEqualTo(userCouponId + 1);
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.code()).isEqualTo("COUPON_SOLD_OUT");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(api.get("/api/coupons/" + couponId, null)
                        .json()
                        .get("remainingQuantity")
                        .asInt())
                .isZero();
        assertThat(jdbc.sql("SELECT member_id FROM user_coupon WHERE id = ?")
                        .param(userCouponId)
                        .query(Long.class)
                        .single())
                .isEqualTo(firstId);
    }

    @Test
    void campaignsOutsideTheirWindowAreNotOpen() {
        long future = Campaigns.create(
                api,
                admin,
                5,
                Instant.now().plus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(2)));
        Instant closesAt = Instant.now().plusMillis(1500);
        long closing = Campaigns.create(api, admin, 5, Instant.now().minusSeconds(60), closesAt);
        String member = tokens.member(MEMBERS.incrementAndGet());

        var early = api.post("/api/coupons/" + future + "/issue", "", member);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> Instant.now().isAfter(closesAt.plusMillis(50)));
        var late = api.post("/api/coupons/" + closing + "/issue", "", member);

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("COUPON_NOT_OPEN");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("COUPON_NOT_OPEN");
    }

    @Test
    void membersSeeTheirOwnCouponsOnly() {
        long couponId = Campaigns.open(api, admin, 10);
        long memberId = MEMBERS.incrementAndGet();
        String member = tokens.member(memberId);
        api.post("/api/coupons/" + couponId + "/issue", "", member);

        var mine = api.get("/api/members/me/coupons", member);
        var someoneElse = api.get("/api/members/me/coupons", tokens.member(MEMBERS.incrementAndGet()));

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().size()).isEqualTo(1);
        assertThat(mine.json().get(0).get("couponId").asLong()).isEqualTo(couponId);
        assertThat(mine.json().get(0).get("status").asString()).isEqualTo("AVAILABLE");
        assertThat(someoneElse.json().size()).isZero();
    }
}
