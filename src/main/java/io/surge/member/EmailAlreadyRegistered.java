package io.surge.member;

/** Signup with an email that already has an account (also the loser of a concurrent signup race). */
public class EmailAlreadyRegistered extends RuntimeException {

    public static final String CODE = "EMAIL_ALREADY_REGISTERED";

    private EmailAlreadyRegistered(String message) {
        super(message);
    }

    public static EmailAlreadyRegistered of(String email) {
        return new EmailAlreadyRegistered("An account with this email already exists.");
    }
}
