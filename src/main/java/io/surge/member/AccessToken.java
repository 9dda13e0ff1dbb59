package io.surge.member;

/** A signed bearer token; {@code expiresIn} is in seconds. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {}
