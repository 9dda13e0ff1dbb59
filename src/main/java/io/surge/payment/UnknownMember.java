package io.surge.payment;

/** An admin credit for a member id that no account has: refused rather than opening a wallet nobody owns. */
public class UnknownMember extends RuntimeException {

    public static final String CODE = "MEMBER_NOT_FOUND";

    private UnknownMember(long memberId) {
        super("There is no member " + memberId + ".");
    }

    public static UnknownMember of(long memberId) {
        return new UnknownMember(memberId);
    }
}
