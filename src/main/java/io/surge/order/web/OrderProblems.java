package io.surge.order.web;

import io.surge.catalog.OutOfStock;
import io.surge.catalog.ProductNotFound;
import io.surge.coupon.CouponNotUsable;
import io.surge.order.OrderNotFound;
import io.surge.order.OrderNotPayable;
import io.surge.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Failures of the order endpoints, including the catalogue's and coupons' refusals surfaced by placement. */
@RestControllerAdvice(basePackageClasses = OrderProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OrderProblems {

    @ExceptionHandler(OrderNotFound.class)
    ProblemDetail notFound(OrderNotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, OrderNotFound.CODE, ex.getMessage());
    }

    @ExceptionHandler(OrderNotPayable.class)
    ProblemDetail notPayable(OrderNotPayable ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, OrderNotPayable.CODE, ex.getMessage());
        problem.setProperty("status", ex.status().name());
        return problem;
    }

    @ExceptionHandler(OutOfStock.class)
    ProblemDetail outOfStock(OutOfStock ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, OutOfStock.CODE, ex.getMessage());
        problem.setProperty("optionId", ex.optionId());
        return problem;
    }

    @ExceptionHandler(ProductNotFound.class)
    ProblemDetail productNotFound(ProductNotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, ProductNotFound.CODE, ex.getMessage());
    }

    @ExceptionHandler(CouponNotUsable.class)
    ProblemDetail couponNotUsable(CouponNotUsable ex) {
        return Problems.of(HttpStatus.CONFLICT, CouponNotUsable.CODE, ex.getMessage());
    }

    @ExceptionHandler(ArithmeticException.class)
    ProblemDetail tooLarge(ArithmeticException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "ORDER_TOO_LARGE", "The order total is out of range.");
    }
}
