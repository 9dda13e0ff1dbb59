package io.surge.traffic.ratelimit.web;

import io.surge.traffic.ratelimit.UnknownRateLimit;
import io.surge.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the rate-limit administration's own failures; ordered before the global handler. */
@RestControllerAdvice(basePackageClasses = RateLimitProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitProblems {

    @ExceptionHandler(UnknownRateLimit.class)
    ProblemDetail unknown(UnknownRateLimit ex) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, UnknownRateLimit.CODE, ex.getMessage());
        problem.setProperty("names", ex.names());
        return problem;
    }
}
