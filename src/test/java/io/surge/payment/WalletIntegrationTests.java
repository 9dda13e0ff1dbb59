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
    void newWalletIsEmptyAndChargesAddUp() {
        String token = shop.member(0);

        assertThat(shop.balance(token)).isZero();
        var charged = api.post("/api/members/me/wallet/charge", Map.of("amount", 1_234), token);
        assertThat(charged.status()).isEqualTo(200);
        assertThat(charged.json().get("balance").asLong()).isEqualTo(1_234);
        assertThat(api.post("/api/members/me/wallet/charge", Map.of("amount", 6), token)
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(1_240);
    }

    @Test
    void invalidChargesAreValidationProblems() {
        String token = shop.member(0);

        for (String body : new String[] {"{\"amount\":0}", "{\"amount\":-5}", "{}", "{\"amount\":100000001}"}) {
            var response = api.post("/api/members/me/wallet/charge", body, token);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(api.post("/api/members/me/wallet/charge", "{\"amount\":\"lots\"}", token)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/members/me/wallet", null).status()).isEqualTo(401);
        assertThat(shop.balance(token)).isZero();
    }

    @Test
    void fiftyConcurrentChargesLoseNoUpdateAndEachHasALedgerRow() throws Exception {
        String token = shop.member(0);
        long memberId = api.get("/api/members/me", token).json().get("memberId").asLong();
        int threads = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/members/me/wallet/charge", Map.of("amount", 100), token)
                            .status();
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
}
