-- token_version: every token carries it (claim "ver"); logging out or losing a role raises it, which voids older
-- tokens (platform.security.TokenVersions). bootstrap_admin marks the account SURGE_ADMIN_EMAIL made ADMIN, so
-- rotating that variable demotes the previous one; until now bootstrap was the only way to become ADMIN.
ALTER TABLE member
    ADD COLUMN token_version   BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN bootstrap_admin BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE member SET bootstrap_admin = TRUE WHERE FIND_IN_SET('ADMIN', roles) > 0;
