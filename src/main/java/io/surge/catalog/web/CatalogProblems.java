package io.surge.catalog.web;

import io.surge.catalog.ProductNotFound;
import io.surge.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice(basePackageClasses = CatalogProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogProblems {

    @ExceptionHandler(ProductNotFound.class)
    ProblemDetail notFound(ProductNotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, ProductNotFound.CODE, ex.getMessage());
    }
}
