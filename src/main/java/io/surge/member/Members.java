package io.surge.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL for members. Roles are few and read with the member, so a comma list beats a join table on the login path.
 * A duplicate email surfaces as Spring's {@code DuplicateKeyException} from the unique index.
 */
@Repository
class Members {

    private static final String COLUMNS =
            "id, email, password_hash, name, roles, created_at, token_version, bootstrap_admin";

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Member> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member WHERE id = ?")
                .param(id)
                .query(Members::member)
                .optional();
    }

    Optional<Member> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member WHERE email = ?")
                .param(email)
                .query(Members::member)
                .optional();
    }

    boolean existsByEmail(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM member WHERE email = ?)")
                .param(email)
                .query(Boolean.class)
                .single();
    }

    List<Member> findBootstrapAdmins() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member WHERE bootstrap_admin = TRUE ORDER BY id")
                .query(Members::member)
                .list();
    }

    /** Stores a new member; returns it with its id. */
    Member insert(Member member) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO member (email, password_hash, name, roles, created_at, token_version, bootstrap_admin)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        member.email(),
                        member.passwordHash(),
                        member.name(),
                        roles(member.roles()),
                        Timestamp.from(member.createdAt()),
                        member.tokenVersion(),
                        member.isBootstrapAdmin())
                .update(keys, "id");
        return member.withId(keys.getKeyAs(Number.class).longValue());
    }

    /** Writes back what a stored member may change: password, name, roles, token version, the bootstrap mark. */
    void update(Member member) {
        jdbc.sql("""
                        UPDATE member SET password_hash = ?, name = ?, roles = ?, token_version = ?, bootstrap_admin = ?
                        WHERE id = ?""")
                .params(
                        member.passwordHash(),
                        member.name(),
                        roles(member.roles()),
                        member.tokenVersion(),
                        member.isBootstrapAdmin(),
                        member.id())
                .update();
    }

    /**
     * Raises the member's token version in place (two logouts at once both count) and returns the new one; empty
     * for an unknown member. In the caller's transaction, whose row lock makes the read see its own increment.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Long> revokeTokens(long memberId) {
        if (jdbc.sql("UPDATE member SET token_version = token_version + 1 WHERE id = ?")
                        .param(memberId)
                        .update()
                == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT token_version FROM member WHERE id = ?")
                .param(memberId)
                .query(Long.class)
                .optional();
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Member member(ResultSet rs, int n) throws SQLException {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(","))
                .map(String::trim)
                .filter(role -> !role.isEmpty())
                .map(Role::valueOf)
                .forEach(roles::add);
        return new Member(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("password_hash"),
                rs.getString("name"),
                roles,
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("token_version"),
                rs.getBoolean("bootstrap_admin"));
    }
}
