package io.surge.messaging;

/**
 * An event no number of retries can process (it names an order that does not exist, a negative amount...). The
 * error handler sends it straight to the dead-letter topic instead of retrying.
 */
public class PoisonEvent extends RuntimeException {

    private PoisonEvent(String message) {
        super(message);
    }

    public static PoisonEvent of(String message) {
        return new PoisonEvent(message);
    }
}
