package io.surge.security;

import org.springframework.security.oauth2.jwt.Jwt;

/** Reads the member id from a verified token; the member is always taken from the token, never from a body. */
public final class CurrentMember {

    private CurrentMember() {}

    public static long id(Jwt jwt) {
        return Long.parseLong(jwt.getSubject());
    }
}
