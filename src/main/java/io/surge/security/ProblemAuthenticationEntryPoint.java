package io.surge.security;

import io.surge.web.ErrorCodes;
import io.surge.web.ProblemWriter;
import io.surge.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/** Missing, forged or expired token: 401 problem; the detail never says which, to give probing clients nothing. */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        ErrorCodes.UNAUTHORIZED,
                        "A valid bearer token is required for this endpoint."));
    }
}
