package io.surge.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet error page: whatever reached it (an exception thrown by a filter, {@code sendError} from the firewall
 * or Tomcat) leaves as a problem with a stable code instead of Boot's {@code {timestamp, status, error, path}} body.
 * Written straight to the response, so no {@code Accept} header can turn it into a 406 or an HTML page.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);
    private final ProblemWriter problems;

    ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * A filter that ran before MVC failed on what the client sent (an unreadable body, a status-carrying Spring
     * exception): that is the client's 4xx, not our 500.
     */
    private static int clientCaused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorResponse response
                    && response.getStatusCode().is4xxClientError()) {
                return response.getStatusCode().value();
            }
            if (cause instanceof HttpMessageNotReadableException
                    || cause instanceof RequestRejectedException
                    || cause instanceof InvalidParameterException) {
                return 400;
            }
        }
        return 500;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status < 400) {
            status = 500;
        }
        if (status == 500) {
            status = clientCaused(failure);
        }
        String detail;
        if (status >= 500) {
            log.error("Unhandled error on {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), (Throwable)
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            detail = "Unexpected server error.";
        } else {
            detail = status == 404 ? "No such resource." : "The server could not accept this request.";
        }
        HttpStatusCode httpStatus = HttpStatusCode.valueOf(status);
        response.resetBuffer();
        problems.write(response, Problems.of(httpStatus, ErrorCodes.forStatus(status), detail));
    }
}
