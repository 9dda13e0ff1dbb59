package io.surge.traffic.ratelimit.web;

import io.surge.traffic.ratelimit.RateLimitExceeded;
import io.surge.traffic.ratelimit.RateLimitHeaders;
import io.surge.web.TooManyRequests;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A rate limit refused the request inside a controller (limits checked by a key only known there, e.g. the login
 * guard in member's controller). Not scoped to a package because any module's controller may call a limiter; it maps
 * only this module's own exception and is ordered just ahead of the global handler, which knows no traffic type.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class RateLimitExceededProblems {

    @ExceptionHandler(RateLimitExceeded.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceeded ex) {
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.write(ex.decision(), headers::set);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .headers(headers)
                .body(TooManyRequests.problem(ex.reason(), ex.getMessage()));
    }
}
