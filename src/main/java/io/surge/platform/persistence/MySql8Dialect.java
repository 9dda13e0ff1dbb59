package io.surge.platform.persistence;

import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.MySQLDialect;

/**
 * MySQL 8 dialect pinned to version 8.0. MariaDB 10.11 announces itself as "5.5.5-10.11…" for old-client
 * compatibility, which would make Hibernate fall back to MySQL 5.5 SQL (no SKIP LOCKED, no window functions); both
 * MySQL 8 and MariaDB 10.11 speak the 8.0 subset we use.
 */
public class MySql8Dialect extends MySQLDialect {

    public MySql8Dialect() {
        super(DatabaseVersion.make(8, 0));
    }
}
