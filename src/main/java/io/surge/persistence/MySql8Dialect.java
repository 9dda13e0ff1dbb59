package io.surge.persistence;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.RowLockStrategy;
import org.hibernate.dialect.lock.internal.MySQLLockingSupport;
import org.hibernate.dialect.lock.spi.LockingSupport;

/**
 * MySQL 8 SQL that MariaDB 10.11 also accepts. Pinned to 8.0 because MariaDB announces itself as "5.5.5-10.11…",
 * which would make Hibernate fall back to MySQL 5.5 SQL (no SKIP LOCKED, no window functions). Row locks are
 * written without MySQL 8's {@code FOR UPDATE OF alias}, which MariaDB rejects; plain {@code FOR UPDATE} (with
 * {@code SKIP LOCKED}/{@code NOWAIT}) means the same for the single-table locks this application takes.
 */
public class MySql8Dialect extends MySQLDialect {

    private static final DatabaseVersion VERSION = DatabaseVersion.make(8, 0);

    private static final LockingSupport PORTABLE_LOCKING = new MySQLLockingSupport(VERSION) {
        @Override
        public RowLockStrategy getWriteRowLockStrategy() {
            return RowLockStrategy.NONE;
        }
    };

    public MySql8Dialect() {
        super(VERSION);
    }

    @Override
    public LockingSupport getLockingSupport() {
        return PORTABLE_LOCKING;
    }

    @Override
    protected boolean supportsAliasLocks() {
        return false;
    }

    @Override
    public String getForUpdateString(String aliases) {
        return getForUpdateString();
    }
}
