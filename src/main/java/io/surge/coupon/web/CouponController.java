package io.surge.coupon.web;

import io.surge.coupon.CouponManagement;
import io.surge.coupon.CouponView;
import io.surge.coupon.IssueResult;
import io.surge.coupon.IssuedCoupon;
import io.surge.coupon.MemberCoupon;
import io.surge.security.CurrentMember;
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
     * sold out or already issued: those come back as values ({@link IssueResult}) and are answered here with the
     * {@link ProblemDetail} an advice would give, whose status and {@code instance} (the path as sent) Spring sets the
     * same way; nothing is thrown through the facade's proxy or MVC's exception resolution.
     */
    @PostMapping("/api/coupons/{couponId}/issue")
    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = IssuedCoupon.class)))
    Object issue(@PathVariable long couponId, @AuthenticationPrincipal Jwt jwt) {
        return switch (coupons.issue(couponId, CurrentMember.id(jwt))) {
            case IssueResult.Issued issued -> issued.coupon();
            case IssueResult.SoldOut refused -> CouponProblems.soldOut(refused);
            case IssueResult.AlreadyIssued refused -> CouponProblems.alreadyIssued(refused);
        };
    }

    @GetMapping("/api/members/me/coupons")
    List<MemberCoupon> mine(@AuthenticationPrincipal Jwt jwt) {
        return coupons.couponsOf(CurrentMember.id(jwt));
    }
}
