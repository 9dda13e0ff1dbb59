package io.surge.member;

import java.util.Set;

/** A member as other modules and the API see it: never the password hash. */
public record MemberView(long memberId, String email, String name, Set<Role> roles) {}
