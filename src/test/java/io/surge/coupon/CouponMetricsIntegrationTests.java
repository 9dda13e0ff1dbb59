package io.surge.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import io.surge.support.Metrics;
import io.surge.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** The issue path's outcomes and the remaining stock of an open campaign are exported for Prometheus. */
@IntegrationTest
class CouponMetricsIntegrationTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JwtEncoder encoder;

    @Test
    void outcomesAreCountedAndRemainingStockIsAGaugePerOpenCampaign() {
        Api api = new Api(port);
        Tokens tokens = new Tokens(encoder);
        long couponId = Campaigns.open(api, tokens.admin(1), 3);
        api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(12_000_001));
        api.post("/api/coupons/" + couponId + "/issue", "", tokens.member(12_000_001));

        String metrics = Metrics.scrape(managementPort);

        assertThat(metrics).containsPattern("surge_coupon_issue_total\\{[^}]*outcome=\"issued\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("surge_coupon_issue_total\\{[^}]*outcome=\"already_issued\"[^}]*} [1-9]");
        assertThat(metrics).contains("outcome=\"sold_out\"").contains("outcome=\"not_open\"");
        assertThat(metrics).containsPattern("surge_coupon_remaining\\{[^}]*coupon=\"" + couponId + "\"[^}]*} 2\\.0");
    }
}
