package io.surge.traffic.admission;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.surge.traffic.ProtectionMetrics;
import io.surge.web.ProblemWriter;
import io.surge.web.TooManyRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door: runs before security and MVC, so a refused request costs a semaphore check and a small JSON write. Once
 * the limit is reached the instance answers 429 immediately instead of letting requests queue until everyone's latency
 * is seconds (what the load reports showed at 1,100 users).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class AdmissionFilter extends OncePerRequestFilter {

    static final String GUARD = "admission";
    static final String REASON = "concurrency";

    private final SimpleLimiter<Void> limiter;
    private final ProblemWriter problems;
    private final boolean enabled;
    private final Duration retryAfter;
    private final List<String> exempt;
    private final Counter admitted;
    private final Counter rejected;

    AdmissionFilter(
            SimpleLimiter<Void> limiter,
            AdmissionProperties properties,
            ProblemWriter problems,
            ProtectionMetrics metrics) {
        this.limiter = limiter;
        this.problems = problems;
        this.enabled = properties.enabled();
        this.retryAfter = properties.retryAfter();
        this.exempt = List.copyOf(properties.exemptPathPrefixes());
        this.admitted = metrics.admitted(GUARD, REASON);
        this.rejected = metrics.rejected(GUARD, REASON);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!enabled) {
            return true;
        }
        String path = request.getRequestURI();
        for (String prefix : exempt) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Limiter.Listener> permit = limiter.acquire(null);
        if (permit.isEmpty()) {
            rejected.increment();
            problems.write(
                    response,
                    TooManyRequests.problem(REASON, "This instance is at its concurrency limit; retry shortly."),
                    retryAfter);
            return;
        }
        admitted.increment();
        Limiter.Listener listener = permit.get();
        try {
            chain.doFilter(request, response);
            listener.onSuccess();
        } catch (IOException | ServletException | RuntimeException | Error e) {
            listener.onIgnore();
            throw e;
        }
    }
}
