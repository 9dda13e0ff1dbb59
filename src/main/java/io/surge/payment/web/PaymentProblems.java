package io.surge.payment.web;

import io.surge.payment.InvalidAmount;
import io.surge.payment.UnknownMember;
import io.surge.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(basePackageClasses = PaymentProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PaymentProblems {

    @ExceptionHandler(InvalidAmount.class)
    ProblemDetail invalidAmount(InvalidAmount ex) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, InvalidAmount.CODE, ex.getMessage());
    }

    @ExceptionHandler(UnknownMember.class)
    ProblemDetail unknownMember(UnknownMember ex) {
        return Problems.of(HttpStatus.NOT_FOUND, UnknownMember.CODE, ex.getMessage());
    }
}
