package io.surge.member;

/** What a member may do; carried in the token's {@code roles} claim. */
public enum Role {
    USER,
    ADMIN
}
