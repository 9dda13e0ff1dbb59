package io.surge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON API: a request body declared as something no endpoint reads (a wildcard or unparsable type, a form) is
 * refused with 415 before anything touches it. Found by the fuzzer: {@code Content-Type: *}{@code /*} made Spring's
 * header parsing throw (a 500), and a form type made the servlet container parse the body as parameters, where bad
 * percent-encoding threw (another 500). Requests without a Content-Type, e.g. every coupon issue, pass untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class ContentTypeFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    ContentTypeFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !acceptable(header)) {
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                            "Request bodies must be application/json."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean acceptable(String header) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return !type.isWildcardType()
                && !type.isWildcardSubtype()
                && !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)
                && !type.getType().equals("multipart");
    }
}
