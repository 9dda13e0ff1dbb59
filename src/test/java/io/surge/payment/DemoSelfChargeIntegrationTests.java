package io.surge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.ShopTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With the demo switch on, a member may credit themself, and the ledger says so. */
@TestPropertySource(properties = "surge.payment.demo-self-charge=true")
class DemoSelfChargeIntegrationTests extends ShopTest {

    @Test
    void theDemoSwitchOpensTheSelfChargeAndTheLedgerNamesTheMember() {
        String token = shop.member(0);
        long memberId = api.get("/api/members/me", token).json().get("memberId").asLong();

        var charged = api.post("/api/members/me/wallet/charge", Map.of("amount", 700), token);
        assertThat(charged.status()).isEqualTo(200);
        assertThat(charged.json().get("balance").asLong()).isEqualTo(700);
        var tooMuch = api.post("/api/members/me/wallet/charge", Map.of("amount", 100_000_001), token);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.code()).isEqualTo("VALIDATION_FAILED");

        assertThat(jdbc.sql("SELECT kind, credited_by FROM wallet_ledger WHERE member_id = ?")
                        .param(memberId)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getLong(2))
                        .single())
                .isEqualTo("SELF_CHARGE/" + memberId);
    }
}
