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

    protected Member() {}

    Member(String email, String passwordHash, String name, Set<Role> roles) {
        this.email = email;
        this.passwordHash = passwordHash;
        this.name = name;
        this.roles = EnumSet.copyOf(roles);
        this.createdAt = Instant.now();
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

    void promote(String newPasswordHash, String newName, Role role) {
        this.passwordHash = newPasswordHash;
        this.name = newName;
        this.roles.add(role);
    }

    MemberView toView() {
        return new MemberView(id, email, name, roles());
    }
}
