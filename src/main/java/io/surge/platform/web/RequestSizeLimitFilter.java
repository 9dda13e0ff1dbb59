package io.surge.platform.web;

import io.surge.platform.security.SecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects bodies over the limit by their declared length before anything reads them. Tomcat's own limits only cover
 * form posts, so without this a client could make an instance buffer megabytes of JSON.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    RequestSizeLimitFilter(SecurityProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxRequestBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            ErrorCodes.PAYLOAD_TOO_LARGE,
                            "The request body exceeds " + maxBytes + " bytes."));
            return;
        }
        chain.doFilter(request, response);
    }
}
