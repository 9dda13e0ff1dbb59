package io.surge.member;

/** Published once a new member's row is committed. */
public record MemberSignedUp(long memberId, String email) {}
