package io.surge.coupon.web;

import io.surge.coupon.CouponManagement;
import io.surge.coupon.CouponView;
import io.surge.coupon.IssuedCoupon;
import io.surge.coupon.MemberCoupon;
import io.surge.security.CurrentMember;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CouponController {

    private final CouponManagement coupons;

    CouponController(CouponManagement coupons) {
        this.coupons = coupons;
    }

    @GetMapping("/api/coupons/{couponId}")
    CouponView find(@PathVariable long couponId) {
        return coupons.find(couponId);
    }

    /** The member is taken from the token, never from the request. */
    @PostMapping("/api/coupons/{couponId}/issue")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedCoupon issue(@PathVariable long couponId, @AuthenticationPrincipal Jwt jwt) {
        return coupons.issue(couponId, CurrentMember.id(jwt));
    }

    @GetMapping("/api/members/me/coupons")
    List<MemberCoupon> mine(@AuthenticationPrincipal Jwt jwt) {
        return coupons.couponsOf(CurrentMember.id(jwt));
    }
}
