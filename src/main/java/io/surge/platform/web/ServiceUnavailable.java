package io.surge.platform.web;

/** Thrown where a dependency is known to be unusable right now; answered as a fast 503 with Retry-After. */
public class ServiceUnavailable extends RuntimeException {

    public ServiceUnavailable(String message) {
        super(message);
    }
}
