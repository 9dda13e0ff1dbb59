package io.surge.coupon.web;

import io.surge.coupon.CouponAlreadyIssued;
import io.surge.coupon.CouponManagement;
import io.surge.coupon.CouponSoldOut;
import io.surge.coupon.CouponView;
import io.surge.coupon.IssuedCoupon;
import io.surge.coupon.MemberCoupon;
import io.surge.platform.security.CurrentMember;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

    /**
     * The member is taken from the token, never from the request. After a sale's first seconds nearly every answer is
     * sold out or already issued: those two are returned from here as a {@link ProblemDetail}, not thrown through
     * MVC, whose exception resolution (reflection's {@code InvocationTargetException} with a full stack trace, the
     * advice lookup, a second return-value pass) cost about a quarter of a refusal's CPU. {@link CouponProblems}
     * builds the answer either way; Spring sets its status and {@code instance} (the path as sent) as for an advice.
     */
    @PostMapping("/api/coupons/{couponId}/issue")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = IssuedCoupon.class)))
    Object issue(@PathVariable long couponId, @AuthenticationPrincipal Jwt jwt) {
        try {
            return coupons.issue(couponId, CurrentMember.id(jwt));
        } catch (CouponSoldOut refused) {
            return CouponProblems.soldOut(refused);
        } catch (CouponAlreadyIssued refused) {
            return CouponProblems.alreadyIssued(refused);
        }
    }

    @GetMapping("/api/members/me/coupons")
    List<MemberCoupon> mine(@AuthenticationPrincipal Jwt jwt) {
        return coupons.couponsOf(CurrentMember.id(jwt));
    }
}
