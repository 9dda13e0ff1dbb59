package io.surge.traffic.ratelimit.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.traffic.ratelimit.Decision;
import io.surge.traffic.ratelimit.LimitSettings;
import io.surge.traffic.ratelimit.RateLimitExceeded;
import io.surge.web.GlobalProblemHandler;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a failure inside a controller becomes a problem, on MockMvc alone (no application context, no server, well
 * under a second): the traffic module's advice answers its own {@code RateLimitExceeded}, which the global handler no
 * longer knows since issue 16 cut the web -> traffic import, and everything else still reaches the global handler.
 */
class ProblemMappingWebTests {

    final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new RateLimitExceededProblems(), new GlobalProblemHandler())
            .build());

    @Test
    void aRateLimitRefusedInAControllerIsA429WithTheRateLimitHeaders() {
        assertThat(mvc.get().uri("/limited"))
                .hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .hasHeader("Retry-After", "30")
                .hasHeader("RateLimit-Policy", "\"login-ip\";q=6;w=120")
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("TOO_MANY_REQUESTS"))
                .hasPathSatisfying(
                        "$.reason", reason -> assertThat(reason).asString().isEqualTo("rate-limit"));
    }

    @Test
    void aPoolThatCannotGiveAConnectionIsA503WithRetryAfter() {
        assertThat(mvc.get().uri("/pool-exhausted"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasHeader("Retry-After", "1")
                .bodyJson()
                .hasPathSatisfying("$.code", code -> assertThat(code).asString().isEqualTo("SERVICE_UNAVAILABLE"))
                .hasPathSatisfying(
                        "$.retryAfterMs", ms -> assertThat(ms).asNumber().isEqualTo(1000));
    }

    @Test
    void aBugIsA500ThatNamesNoInternals() {
        assertThat(mvc.get().uri("/bug"))
                .hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
                .bodyText()
                .contains("INTERNAL_ERROR")
                .doesNotContain("secret detail");
    }

    @RestController
    static class Failing {

        @GetMapping("/limited")
        String limited() {
            throw RateLimitExceeded.of(
                    new Decision("login-ip", false, new LimitSettings(6, 0.05, true), 0, Duration.ofSeconds(30)));
        }

        @GetMapping("/pool-exhausted")
        String poolExhausted() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("secret detail");
        }
    }
}
