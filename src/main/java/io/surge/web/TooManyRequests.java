package io.surge.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The 429 problem every guard answers with. One code, {@code TOO_MANY_REQUESTS}, so clients need one back-off rule;
 * {@code reason} says which guard refused (for dashboards and load scripts, not for client logic).
 */
public final class TooManyRequests {

    public static final String REASON = "reason";

    private TooManyRequests() {}

    public static ProblemDetail problem(String reason, String detail) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.TOO_MANY_REQUESTS, detail);
        problem.setProperty(REASON, reason);
        return problem;
    }
}
