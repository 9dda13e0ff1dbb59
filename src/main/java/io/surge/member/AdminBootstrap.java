package io.surge.member;

import io.surge.security.TokenVersions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates or updates the admin account from env at start-up, and demotes the account a previous
 * {@code SURGE_ADMIN_EMAIL} made admin (it loses ADMIN and its tokens), so rotating the variable really rotates the
 * admin. Four instances start at once, so the loser of the insert race retries as an update instead of failing
 * start-up; the demotion is idempotent.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    /** Longer than the hashes of any start-up wave take; shorter than an orchestrator's start-up probe. */
    private static final Duration START_UP_PATIENCE = Duration.ofSeconds(30);

    private final Members members;
    private final PasswordHashing passwords;
    private final MemberProperties properties;
    private final TransactionTemplate transactions;
    private final TokenVersions revocations;

    AdminBootstrap(
            Members members,
            PasswordHashing passwords,
            MemberProperties properties,
            TransactionTemplate transactions,
            TokenVersions revocations) {
        this.members = members;
        this.passwords = passwords;
        this.properties = properties;
        this.transactions = transactions;
        this.revocations = revocations;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = Emails.normalize(properties.adminEmail());
        String password = properties.adminPassword();
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            log.info("No SURGE_ADMIN_EMAIL/SURGE_ADMIN_PASSWORD given: no admin account bootstrapped");
            return;
        }
        if (password.length() < 8) {
            throw new IllegalStateException("SURGE_ADMIN_PASSWORD must be at least 8 characters");
        }
        String hash = passwords.hashPatiently(password, START_UP_PATIENCE);
        try {
            upsert(email, hash);
        } catch (DataIntegrityViolationException concurrentInsert) {
            upsert(email, hash);
        }
        log.info("Admin account {} is ready", email);
        demotePrevious(email);
    }

    private void upsert(String email, String hash) {
        transactions.executeWithoutResult(status -> members.findByEmail(email)
                .ifPresentOrElse(
                        admin -> {
                            admin.bootstrapAdmin(hash, properties.adminName());
                            members.update(admin);
                        },
                        () -> members.insert(
                                new Member(email, hash, properties.adminName(), EnumSet.of(Role.USER, Role.ADMIN)))));
    }

    private void demotePrevious(String current) {
        Map<Long, Long> demoted = new HashMap<>();
        transactions.executeWithoutResult(status -> {
            for (Member previous : members.findBootstrapAdmins()) {
                if (!previous.email().equals(current)) {
                    demoted.put(previous.id(), previous.demoteBootstrapAdmin());
                    members.update(previous);
                    log.warn("Demoted {}: no longer SURGE_ADMIN_EMAIL; its tokens are revoked", previous.email());
                }
            }
        });
        demoted.forEach(revocations::revoke);
    }
}
