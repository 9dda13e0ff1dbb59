package io.surge.messaging.web;

import io.surge.messaging.kafka.DeadLetterNotFound;
import io.surge.messaging.kafka.UnknownListener;
import io.surge.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(basePackageClasses = KafkaAdminProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class KafkaAdminProblems {

    @ExceptionHandler(UnknownListener.class)
    ProblemDetail unknownListener(UnknownListener ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, UnknownListener.CODE, ex.getMessage());
    }

    @ExceptionHandler(DeadLetterNotFound.class)
    ProblemDetail notFound(DeadLetterNotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, DeadLetterNotFound.CODE, ex.getMessage());
    }
}
