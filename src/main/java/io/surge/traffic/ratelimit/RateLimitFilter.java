package io.surge.traffic.ratelimit;

import io.surge.web.ProblemWriter;
import io.surge.web.TooManyRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies every configured route class to the requests it matches. Ordered just after Spring Security's filter chain
 * (order -100), so the member id is already taken from the verified token and unauthenticated calls to protected
 * routes were refused without spending anyone's budget. Writes its 429 itself, with Retry-After and the RateLimit
 * headers of the limit that refused.
 */
@Component
@Order(RateLimitFilter.ORDER)
class RateLimitFilter extends OncePerRequestFilter {

    /** Spring Security's filter chain is registered at -100. */
    static final int ORDER = -90;

    private final Limits limits;
    private final RateLimiter limiter;
    private final ProblemWriter problems;
    private final boolean enabled;

    RateLimitFilter(Limits limits, RateLimiter limiter, ProblemWriter problems, RateLimitProperties properties) {
        this.limits = limits;
        this.limiter = limiter;
        this.problems = problems;
        this.enabled = properties.enabled() && !properties.limits().isEmpty();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String method = request.getMethod();
        PathContainer path = null;
        List<RouteLimit> all = limits.all();
        for (int i = 0; i < all.size(); i++) {
            RouteLimit limit = all.get(i);
            if (!limit.methodMatches(method)) {
                continue;
            }
            if (path == null) {
                path = PathContainer.parsePath(request.getRequestURI());
            }
            if (!limit.matches(method, path)) {
                continue;
            }
            String key = keyFor(limit, request);
            if (key == null) {
                continue;
            }
            Decision decision = limiter.check(limit, key);
            if (!decision.allowed()) {
                RateLimitHeaders.write(decision, response::setHeader);
                problems.write(
                        response,
                        TooManyRequests.problem(
                                "rate-limit", "Rate limit '" + limit.name() + "' exceeded; retry later."));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private String keyFor(RouteLimit limit, HttpServletRequest request) {
        return switch (limit.scope()) {
            case GLOBAL -> RateLimiter.GLOBAL_KEY;
            case IP -> request.getRemoteAddr(); // the client behind a trusted proxy: server.tomcat.remoteip
            case MEMBER -> {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                yield auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()
                        ? null
                        : auth.getName();
            }
        };
    }
}
