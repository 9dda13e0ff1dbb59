package io.surge.security;

import io.surge.web.ErrorCodes;
import io.surge.web.ProblemWriter;
import io.surge.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** Authenticated but lacking the role: 403 problem. */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final ProblemWriter problems;

    ProblemAccessDeniedHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        problems.write(
                response,
                Problems.of(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "This endpoint needs a role you do not have."));
    }
}
