package io.surge.member;

import io.surge.security.TokenVersions;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The member module's API. Password hashing runs outside any transaction, so a slow bcrypt never holds a pooled
 * connection; the unique index on email settles signup races.
 */
@Service
public class MemberManagement {

    private final Members members;
    private final PasswordHashing passwords;
    private final TokenIssuer tokens;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final TokenVersions revocations;

    MemberManagement(
            Members members,
            PasswordHashing passwords,
            TokenIssuer tokens,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            TokenVersions revocations) {
        this.revocations = revocations;
        this.members = members;
        this.passwords = passwords;
        this.tokens = tokens;
        this.transactions = transactions;
        this.events = events;
    }

    public MemberView signUp(String email, String password, String name) {
        String normalized = Emails.normalize(email);
        passwords.refuseWhenQueueIsFull(); // before the lookup: a refused signup costs no query
        if (members.existsByEmail(normalized)) {
            throw EmailAlreadyRegistered.of(normalized);
        }
        String hash = passwords.hash(password);
        try {
            return transactions.execute(status -> {
                Member member = members.insert(new Member(normalized, hash, name.strip(), EnumSet.of(Role.USER)));
                events.publishEvent(new MemberSignedUp(member.id(), member.email()));
                return member.toView();
            });
        } catch (DataIntegrityViolationException duplicate) {
            throw EmailAlreadyRegistered.of(normalized);
        }
    }

    public AccessToken logIn(String email, String password) {
        passwords.refuseWhenQueueIsFull();
        Optional<Member> member = members.findByEmail(Emails.normalize(email));
        if (member.isEmpty()) {
            passwords.burnEquivalentTime(password);
            throw InvalidCredentials.create();
        }
        if (!passwords.matches(password, member.get().passwordHash())) {
            throw InvalidCredentials.create();
        }
        return tokens.issue(member.get());
    }

    /**
     * Logs the member out everywhere: raises their token version, so every token issued so far is refused (on this
     * instance at once, on the others within the revocation sync interval).
     */
    public void logOut(long memberId) {
        Long version =
                transactions.execute(status -> members.revokeTokens(memberId).orElse(null));
        if (version != null) {
            revocations.revoke(memberId, version);
        }
    }

    public Optional<MemberView> find(long memberId) {
        return members.findById(memberId).map(Member::toView);
    }
}
