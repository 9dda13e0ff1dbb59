package io.surge.coupon.web;

import io.surge.coupon.CouponManagement;
import io.surge.coupon.CouponView;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Campaign administration; the platform puts /api/admin/** behind the ADMIN role. */
@RestController
@RequestMapping("/api/admin/coupons")
class AdminCouponController {

    private final CouponManagement coupons;

    AdminCouponController(CouponManagement coupons) {
        this.coupons = coupons;
    }

    @PostMapping
    ResponseEntity<CouponView> create(@Valid @RequestBody CreateCouponRequest request) {
        CouponView created = coupons.create(request.toSpec());
        return ResponseEntity.created(URI.create("/api/coupons/" + created.couponId()))
                .body(created);
    }

    /** Re-derives the campaign's Redis state from MySQL (after Redis data loss or an instance crash). */
    @PostMapping("/{couponId}/rebuild")
    ResponseEntity<Map<String, Object>> rebuild(@PathVariable long couponId) {
        boolean rebuilt = coupons.rebuild(couponId);
        return ResponseEntity.accepted().body(Map.of("couponId", couponId, "rebuilt", rebuilt));
    }
}
