package io.surge.member;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

@Entity
@Table(name = "member")
class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 254)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(nullable = false, length = 50)
    private String name;

    @Convert(converter = RolesConverter.class)
    @Column(nullable = false, length = 100)
    private Set<Role> roles = EnumSet.of(Role.USER);

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "token_version", nullable = false)
    private long tokenVersion;

    @Column(name = "bootstrap_admin", nullable = false)
    private boolean bootstrapAdmin;

    protected Member() {}

    Member(String email, String passwordHash, String name, Set<Role> roles) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.name = name;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = Instant.now();
        this.bootstrapAdmin = roles.contains(Role.ADMIN);
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

    long tokenVersion() {
        return tokenVersion;
    }

    /** Voids every token issued so far (they carry a lower version); returns the new version. */
    long revokeTokens() {
        return ++tokenVersion;
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
        return revokeTokens();
    }

    MemberView toView() {
        return new MemberView(id, email, name, roles());
    }
}
