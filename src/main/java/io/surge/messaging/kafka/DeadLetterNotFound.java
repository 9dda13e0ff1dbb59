package io.surge.messaging.kafka;

/** Replay of a dead letter id that was never recorded. */
public class DeadLetterNotFound extends RuntimeException {

    public static final String CODE = "DEAD_LETTER_NOT_FOUND";

    private DeadLetterNotFound(String message) {
        super(message);
    }

    public static DeadLetterNotFound of(long id) {
        return new DeadLetterNotFound("No dead letter with id " + id + ".");
    }
}
