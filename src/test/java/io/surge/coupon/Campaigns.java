package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Creates campaigns through the admin API, as an operator would. */
final class Campaigns {

    private Campaigns() {}

    static long open(Api api, String adminToken, int quantity) {
        return create(
                api,
                adminToken,
                quantity,
                Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofHours(1)));
    }

    static long create(Api api, String adminToken, int quantity, Instant starts, Instant ends) {
        var response = api.post(
                "/api/admin/coupons",
                Map.of(
                        "name",
                        "Flash " + quantity,
                        "discountType",
                        "PERCENT",
                        "discountValue",
                        10,
                        "totalQuantity",
                        quantity,
                        "issueStartsAt",
                        starts.toString(),
                        "issueEndsAt",
                        ends.toString(),
                        "validDays",
                        7),
                adminToken);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("couponId").asLong();
    }
}
