package io.surge.coupon.web;

import io.surge.coupon.CouponNotFound;
import io.surge.coupon.CouponNotOpen;
import io.surge.coupon.IssueResult;
import io.surge.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The coupon module's failures. Sold out and already issued are 409s, not 400s: the request was well-formed. */
@RestControllerAdvice(basePackageClasses = CouponProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CouponProblems {

    @ExceptionHandler(CouponNotFound.class)
    ProblemDetail notFound(CouponNotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, CouponNotFound.CODE, ex.getMessage());
    }

    /** Returned, not thrown (see {@link IssueResult}): {@link CouponController#issue} answers it directly. */
    static ProblemDetail soldOut(IssueResult.SoldOut refused) {
        return Problems.of(HttpStatus.CONFLICT, IssueResult.SoldOut.CODE, refused.message());
    }

    /** Returned, not thrown (see {@link IssueResult}): {@link CouponController#issue} answers it directly. */
    static ProblemDetail alreadyIssued(IssueResult.AlreadyIssued refused) {
        return Problems.of(HttpStatus.CONFLICT, IssueResult.AlreadyIssued.CODE, refused.message());
    }

    @ExceptionHandler(CouponNotOpen.class)
    ProblemDetail notOpen(CouponNotOpen ex) {
        return Problems.of(HttpStatus.CONFLICT, CouponNotOpen.CODE, ex.getMessage());
    }
}
