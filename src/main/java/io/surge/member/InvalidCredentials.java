package io.surge.member;

/** Wrong password or unknown email: deliberately one failure, so login cannot be used to enumerate accounts. */
public class InvalidCredentials extends RuntimeException {

    public static final String CODE = "INVALID_CREDENTIALS";

    private InvalidCredentials() {
        super("Email or password is incorrect.");
    }

    public static InvalidCredentials create() {
        return new InvalidCredentials();
    }
}
