package io.surge.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Test fixtures for the order flow: products with known stock, funded members, admins. */
public final class Shop {

    private final Api api;
    private final JdbcClient jdbc;
    private String creditor;

    public Shop(Api api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    /** A product with one option per given stock, priced {@code price} each; returns the option ids. */
    public List<Long> product(long price, int... stocks) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO product (name, description, category, price, created_at)
                        VALUES (?, 'test product', 'test', ?, NOW(6))""").params("p-" + UUID.randomUUID(), price).update(keys, "id");
        long productId = keys.getKey().longValue();
        List<Long> options = new java.util.ArrayList<>();
        for (int i = 0; i < stocks.length; i++) {
            GeneratedKeyHolder optionKey = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO product_option (product_id, name, price, stock) VALUES (?, ?, ?, ?)")
                    .params(productId, "opt-" + i, price, stocks[i])
                    .update(optionKey, "id");
            options.add(optionKey.getKey().longValue());
        }
        return options;
    }

    public long productOf(long optionId) {
        return jdbc.sql("SELECT product_id FROM product_option WHERE id = ?")
                .param(optionId)
                .query(Long.class)
                .single();
    }

    public int stock(long optionId) {
        return jdbc.sql("SELECT stock FROM product_option WHERE id = ?")
                .param(optionId)
                .query(Integer.class)
                .single();
    }

    /** Signs up a fresh member and has an admin credit their wallet; returns the token. */
    public String member(long balance) {
        String token = api.signUpAndLogIn("shopper-" + UUID.randomUUID() + "@example.com");
        if (balance > 0) {
            long memberId =
                    api.get("/api/members/me", token).json().get("memberId").asLong();
            Api.Response credited = credit(memberId, balance);
            if (credited.status() != 200) {
                throw new IllegalStateException("credit failed: " + credited);
            }
        }
        return token;
    }

    /**
     * {@code POST /api/admin/members/{id}/wallet/credit} by this shop's admin (created on first use). Waits out the
     * admin's per-member rate limit, which a test funding hundreds of members in a loop can reach.
     */
    public Api.Response credit(long memberId, long amount) {
        String admin = creditor();
        for (int attempt = 0; ; attempt++) {
            Api.Response response =
                    api.post("/api/admin/members/" + memberId + "/wallet/credit", Map.of("amount", amount), admin);
            if (response.status() != 429 || attempt == 20) {
                return response;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    private synchronized String creditor() {
        if (creditor == null) {
            creditor = admin();
        }
        return creditor;
    }

    public String admin() {
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        api.signUpAndLogIn(email);
        jdbc.sql("UPDATE member SET roles = 'ADMIN,USER' WHERE email = ?")
                .param(email)
                .update();
        return api.logIn(email, "password123");
    }

    /** Opens an AMOUNT campaign worth {@code discount} and issues one coupon to the member; returns its id. */
    public long coupon(String adminToken, String memberToken, long discount) {
        var campaign = api.post(
                "/api/admin/coupons",
                Map.of(
                        "name",
                        "Order test " + discount,
                        "discountType",
                        "AMOUNT",
                        "discountValue",
                        discount,
                        "totalQuantity",
                        100,
                        "issueStartsAt",
                        java.time.Instant.now().minusSeconds(60).toString(),
                        "issueEndsAt",
                        java.time.Instant.now().plusSeconds(3600).toString(),
                        "validDays",
                        7),
                adminToken);
        if (campaign.status() != 201) {
            throw new IllegalStateException("campaign failed: " + campaign);
        }
        var issued = api.post("/api/coupons/" + campaign.json().get("couponId").asLong() + "/issue", "", memberToken);
        if (issued.status() != 201) {
            throw new IllegalStateException("issue failed: " + issued);
        }
        return issued.json().get("userCouponId").asLong();
    }

    public String couponStatus(long userCouponId) {
        return jdbc.sql("SELECT status FROM user_coupon WHERE id = ?")
                .param(userCouponId)
                .query(String.class)
                .single();
    }

    public Api.Response order(String token, long optionId, int quantity, long userCouponId) {
        return api.post(
                "/api/orders",
                Map.of(
                        "items",
                        List.of(Map.of("optionId", optionId, "quantity", quantity)),
                        "userCouponId",
                        userCouponId),
                token);
    }

    public Api.Response order(String token, long optionId, int quantity) {
        return api.post(
                "/api/orders", Map.of("items", List.of(Map.of("optionId", optionId, "quantity", quantity))), token);
    }

    public long placeOrder(String token, long optionId, int quantity) {
        Api.Response placed = order(token, optionId, quantity);
        if (placed.status() != 201) {
            throw new IllegalStateException("order failed: " + placed);
        }
        return placed.json().get("orderId").asLong();
    }

    public Api.Response pay(String token, long orderId) {
        return api.post("/api/orders/" + orderId + "/payment", "", token);
    }

    public Api.Response get(String token, long orderId) {
        return api.get("/api/orders/" + orderId, token);
    }

    public String status(long orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }

    public String dispatchStatus(long orderId) {
        return jdbc.sql("SELECT dispatch_status FROM orders WHERE id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }

    public long balance(String token) {
        return api.get("/api/members/me/wallet", token).json().get("balance").asLong();
    }

    public int ledgerRowsFor(long orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM wallet_ledger WHERE order_id = ?")
                .param(orderId)
                .query(Integer.class)
                .single();
    }
}
