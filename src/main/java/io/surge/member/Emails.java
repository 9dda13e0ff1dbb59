package io.surge.member;

import java.util.Locale;

/** One normal form for emails (trimmed, lower-case), applied before lookup and before the unique index sees it. */
public final class Emails {

    private Emails() {}

    public static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
