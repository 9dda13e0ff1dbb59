package io.surge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.ShopTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WalletIntegrationTests extends ShopTest {

    @Test
    void anAdminCreditsAMemberAndTheLedgerNamesTheAdmin() {
        String token = shop.member(0);
        long memberId = memberId(token);
        String admin = shop.admin();
        long adminId = memberId(admin);

        assertThat(shop.balance(token)).isZero();
        var credited = credit(memberId, "{\"amount\":1234}", admin);
        assertThat(credited.status()).isEqualTo(200);
        assertThat(credited.json().get("memberId").asLong()).isEqualTo(memberId);
        assertThat(credited.json().get("balance").asLong()).isEqualTo(1_234);
        assertThat(credit(memberId, "{\"amount\":6}", admin)
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(1_240);
        assertThat(shop.balance(token)).isEqualTo(1_240);

        assertThat(jdbc.sql("SELECT kind, credited_by, amount FROM wallet_ledger WHERE member_id = ? ORDER BY id")
                        .param(memberId)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3))
                        .list())
                .containsExactly("ADMIN_CREDIT/" + adminId + "/1234", "ADMIN_CREDIT/" + adminId + "/6");
    }

    @Test
    void membersCannotCreateMoney() {
        String token = shop.member(0);
        long memberId = memberId(token);

        var self = credit(memberId, "{\"amount\":100000000}", token);
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.code()).isEqualTo("FORBIDDEN");
        assertThat(credit(memberId, "{\"amount\":5}", null).status()).isEqualTo(401);

        // the self-charge is a demo switch, off by default: the route does not exist
        var charge = api.post("/api/members/me/wallet/charge", Map.of("amount", 100_000_000), token);
        assertThat(charge.status()).isEqualTo(404);
        assertThat(charge.code()).isEqualTo("NOT_FOUND");
        assertThat(shop.balance(token)).isZero();
        assertThat(ledgerRows(memberId)).isZero();
    }

    @Test
    void invalidCreditsAreProblems() {
        String token = shop.member(0);
        long memberId = memberId(token);
        String admin = shop.admin();

        for (String body : new String[] {"{\"amount\":0}", "{\"amount\":-5}", "{}", "{\"amount\":100000001}"}) {
            var response = credit(memberId, body, admin);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(credit(memberId, "{\"amount\":\"lots\"}", admin).status()).isEqualTo(400);
        var unknown = credit(Long.MAX_VALUE, "{\"amount\":5}", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("MEMBER_NOT_FOUND");
        var notAnId = api.post("/api/admin/members/abc/wallet/credit", "{\"amount\":5}", admin);
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(api.get("/api/members/me/wallet", null).status()).isEqualTo(401);
        assertThat(shop.balance(token)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM wallet WHERE member_id = ?")
                        .param(Long.MAX_VALUE)
                        .query(Integer.class)
                        .single())
                .as("no wallet opened for an unknown member")
                .isZero();
    }

    @Test
    void fiftyConcurrentCreditsLoseNoUpdateAndEachHasALedgerRow() throws Exception {
        String token = shop.member(0);
        long memberId = memberId(token);
        String admin = shop.admin();
        int threads = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return credit(memberId, "{\"amount\":100}", admin).status();
                }));
            }
            start.countDown();
            for (Future<Integer> future : futures) {
                assertThat(future.get()).isEqualTo(200);
            }
        }

        assertThat(shop.balance(token)).isEqualTo(5_000);
        assertThat(jdbc.sql("SELECT COUNT(*), SUM(amount), MAX(balance_after) FROM wallet_ledger WHERE member_id = ?")
                        .param(memberId)
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        .single())
                .containsExactly(50L, 5_000L, 5_000L);
    }

    private io.surge.support.Api.Response credit(long memberId, String body, String token) {
        return api.post("/api/admin/members/" + memberId + "/wallet/credit", body, token);
    }

    private long memberId(String token) {
        return api.get("/api/members/me", token).json().get("memberId").asLong();
    }

    private int ledgerRows(long memberId) {
        return jdbc.sql("SELECT COUNT(*) FROM wallet_ledger WHERE member_id = ?")
                .param(memberId)
                .query(Integer.class)
                .single();
    }
}
