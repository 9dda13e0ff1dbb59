package io.surge.messaging.kafka;

import java.util.Set;

/** A pause or resume naming a listener id this application does not have. */
public class UnknownListener extends RuntimeException {

    public static final String CODE = "UNKNOWN_LISTENER";

    private UnknownListener(String message) {
        super(message);
    }

    public static UnknownListener of(Set<String> ids) {
        return new UnknownListener("Unknown listener ids: " + String.join(", ", ids) + ".");
    }
}
