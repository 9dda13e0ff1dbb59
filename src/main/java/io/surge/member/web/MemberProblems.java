package io.surge.member.web;

import io.surge.member.EmailAlreadyRegistered;
import io.surge.member.InvalidCredentials;
import io.surge.member.PasswordHashingBusy;
import io.surge.web.Problems;
import io.surge.web.RetryAfter;
import io.surge.web.TooManyRequests;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the member module's own failures; ordered before the global handler. */
@RestControllerAdvice(basePackageClasses = MemberProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MemberProblems {

    @ExceptionHandler(EmailAlreadyRegistered.class)
    ProblemDetail emailTaken(EmailAlreadyRegistered ex) {
        return Problems.of(HttpStatus.CONFLICT, EmailAlreadyRegistered.CODE, ex.getMessage());
    }

    @ExceptionHandler(PasswordHashingBusy.class)
    ResponseEntity<ProblemDetail> hashingBusy(PasswordHashingBusy ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(ex.retryAfter()))
                .body(TooManyRequests.problem(PasswordHashingBusy.REASON, ex.getMessage()));
    }

    @ExceptionHandler(InvalidCredentials.class)
    ResponseEntity<ProblemDetail> invalidCredentials(InvalidCredentials ex) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(Problems.of(HttpStatus.UNAUTHORIZED, InvalidCredentials.CODE, ex.getMessage()));
    }
}
