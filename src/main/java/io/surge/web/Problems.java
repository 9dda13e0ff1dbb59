package io.surge.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problems with the stable {@code code} property clients and load scripts switch on. The type URI is
 * derived from the code so both stay in step.
 */
public final class Problems {

    public static final String CODE = "code";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeOf(code));
        problem.setProperty(CODE, code);
        return problem;
    }

    public static URI typeOf(String code) {
        return URI.create("/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
