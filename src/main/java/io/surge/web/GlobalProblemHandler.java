package io.surge.web;

import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one global handler: framework exceptions become problems with a stable {@code code}, infrastructure exhaustion
 * becomes a fast 503 with Retry-After, and anything unexpected a 500 without internals. Module advices run first
 * (they are ordered ahead of this one) and map only their own exceptions.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalProblemHandler.class);
    static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(1);
    public static final String RETRY_AFTER_MS = "retryAfterMs";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationFailed(fieldErrors(ex.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(validationFailed(errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return ResponseEntity.badRequest().body(validationFailed(errors));
    }

    /** Pool exhausted, database or Redis unreachable or slow: shed fast instead of turning the wait into a 500. */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        QueryTimeoutException.class,
        org.springframework.dao.RecoverableDataAccessException.class,
        ServiceUnavailable.class
    })
    ResponseEntity<ProblemDetail> unavailable(Exception ex) {
        log.warn("Dependency unavailable: {}", ex.toString());
        Duration hinted = retryAfterHint(ex);
        return serviceUnavailable(
                "A backing service is busy or unreachable; retry shortly.",
                hinted != null ? hinted : UNAVAILABLE_RETRY_AFTER);
    }

    /**
     * A store that went away in the middle of a transaction (MariaDB stopped, a connection reset) surfaces as an
     * uncategorised or transaction-system exception (e.g. "Unable to rollback against JDBC Connection"): that is the
     * same "unavailable, retry", not a server bug; so is a Redis still loading its dataset after a restart. Anything
     * else of these types still answers 500.
     */
    @ExceptionHandler({
        org.springframework.dao.UncategorizedDataAccessException.class,
        org.springframework.transaction.TransactionSystemException.class
    })
    ResponseEntity<ProblemDetail> lostConnection(Exception ex) {
        if (InfrastructureFailures.connectionLost(ex)) {
            return unavailable(ex);
        }
        return unexpected(ex);
    }

    private static Duration retryAfterHint(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryAfterHint hint && hint.retryAfter() != null) {
                return hint.retryAfter();
            }
        }
        return null;
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLarge ex) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(PayloadTooLarge.problem(ex.maxBytes()));
    }

    /** Tomcat could not decode a query parameter (bad percent-encoding or charset): the client's malformed request. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_REQUEST, "A request parameter is malformed."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Unhandled exception", ex);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR, "Unexpected server error."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLarge tooLarge) { // the body stream hit the limit inside the JSON reader
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(PayloadTooLarge.problem(tooLarge.maxBytes()));
            }
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String code = ErrorCodes.forStatus(status.value());
            problem.setType(Problems.typeOf(code));
            problem.setProperty(Problems.CODE, code);
            if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
                problem.setDetail("The request body is missing or is not valid JSON for this endpoint.");
            }
        }
        return response;
    }

    /** Retry-After carries whole seconds; the body's {@code retryAfterMs} gives clients the precise wait. */
    public static ResponseEntity<ProblemDetail> serviceUnavailable(String detail, Duration retryAfter) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE, detail);
        problem.setProperty(RETRY_AFTER_MS, Math.max(1, retryAfter.toMillis()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retryAfter))
                .body(problem);
    }

    private static ProblemDetail validationFailed(List<FieldError> errors) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, ErrorCodes.VALIDATION_FAILED, "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> fields = result.getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .toList();
        List<FieldError> globals = result.getGlobalErrors().stream()
                .map(e -> new FieldError(e.getObjectName(), e.getDefaultMessage()))
                .toList();
        return java.util.stream.Stream.concat(fields.stream(), globals.stream()).toList();
    }

    /** One invalid field, as listed in a {@code VALIDATION_FAILED} problem. */
    public record FieldError(String field, String message) {}
}
