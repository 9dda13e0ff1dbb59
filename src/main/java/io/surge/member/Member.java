package io.surge.member;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A member as stored in {@code member}; {@link Members} reads and writes it, nothing tracks its changes. */
class Member {

    private final Long id;
    private final String email;
    private String passwordHash;
    private String name;
    private final EnumSet<Role> roles;
    private final Instant createdAt;
    private long tokenVersion;
    private boolean bootstrapAdmin;

    /** A new member, not stored yet (no id). */
    Member(String email, String passwordHash, String name, Set<Role> roles) {
        this(null, email, passwordHash, name, roles, Instant.now(), 0, roles.contains(Role.ADMIN));
    }

    Member(
            Long id,
            String email,
            String passwordHash,
            String name,
            Set<Role> roles,
            Instant createdAt,
            long tokenVersion,
            boolean bootstrapAdmin) {
        this.id = id;
        this.email = email;
        this.passwordHash = passwordHash;
        this.name = name;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.createdAt = createdAt;
        this.tokenVersion = tokenVersion;
        this.bootstrapAdmin = bootstrapAdmin;
    }

    /** This member as stored under {@code storedId}. */
    Member withId(long storedId) {
        return new Member(storedId, email, passwordHash, name, roles, createdAt, tokenVersion, bootstrapAdmin);
    }

    Long id() {
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    String name() {
        return name;
    }

    Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    Instant createdAt() {
        return createdAt;
    }

    long tokenVersion() {
        return tokenVersion;
    }

    boolean isBootstrapAdmin() {
        return bootstrapAdmin;
    }

    /** Made (or kept) the admin of {@code SURGE_ADMIN_EMAIL}. */
    void bootstrapAdmin(String newPasswordHash, String newName) {
        this.passwordHash = newPasswordHash;
        this.name = newName;
        this.roles.add(Role.ADMIN);
        this.bootstrapAdmin = true;
    }

    /** No longer the bootstrap admin: loses ADMIN, and the tokens that carry it; returns the new token version. */
    long demoteBootstrapAdmin() {
        this.roles.remove(Role.ADMIN);
        this.bootstrapAdmin = false;
        return ++tokenVersion;
    }

    MemberView toView() {
        return new MemberView(id, email, name, roles());
    }
}
