package io.surge.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request body passed {@code SURGE_MAX_REQUEST_BYTES} while it was being read (it declared no length). */
public class PayloadTooLarge extends RuntimeException {

    private final long maxBytes;

    public PayloadTooLarge(long maxBytes) {
        super("The request body exceeds " + maxBytes + " bytes.", null, false, false);
        this.maxBytes = maxBytes;
    }

    public static ProblemDetail problem(long maxBytes) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                ErrorCodes.PAYLOAD_TOO_LARGE,
                "The request body exceeds " + maxBytes + " bytes.");
    }

    long maxBytes() {
        return maxBytes;
    }
}
