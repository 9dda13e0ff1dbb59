package io.surge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;

/**
 * Decides once per JVM where the tests' MySQL and Redis live. An address given in the environment wins; otherwise
 * Testcontainers when a Docker engine answers; otherwise the local services on 127.0.0.1. Each run gets its own
 * database and Redis key prefix, so parallel runs (and a developer's stage) never collide.
 */
public final class TestServices {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String RUN_ID = LocalDateTime.now().format(STAMP) + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    private static volatile Boolean docker;
    private static volatile String localDatabaseUrl;

    private TestServices() {}

    public static String runId() {
        return RUN_ID;
    }

    public static String redisKeyPrefix() {
        return "test:" + RUN_ID + ":";
    }

    /** Containers only when no address is configured and Docker is really there (this repo's CI has none). */
    public static synchronized boolean useContainers() {
        if (docker == null) {
            docker = System.getenv("SURGE_TEST_MYSQL_URL") == null && dockerAnswers();
        }
        return docker;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static String mysqlServerUrl() {
        return env("SURGE_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/");
    }

    static String mysqlUser() {
        return env("SURGE_TEST_MYSQL_USER", "root");
    }

    static String mysqlPassword() {
        return env("SURGE_TEST_MYSQL_PASSWORD", "");
    }

    static String redisHost() {
        return env("SURGE_TEST_REDIS_HOST", "127.0.0.1");
    }

    static String redisPort() {
        return env("SURGE_TEST_REDIS_PORT", "6379");
    }

    /** Creates this run's database on the local server (once), dropping it again when the JVM exits. */
    static synchronized String localDatabaseUrl() {
        if (localDatabaseUrl == null) {
            String name = "surge_test_" + RUN_ID;
            try (Connection connection = DriverManager.getConnection(mysqlServerUrl(), mysqlUser(), mysqlPassword());
                    Statement statement = connection.createStatement()) {
                dropStaleDatabases(statement);
                statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Cannot reach the test MySQL/MariaDB at " + mysqlServerUrl()
                                + " (set SURGE_TEST_MYSQL_URL, or start MariaDB: see .ci/run)",
                        e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
            localDatabaseUrl = mysqlServerUrl() + name;
        }
        return localDatabaseUrl;
    }

    /** This run's database, reached directly: for checks a test makes while the application's own path is cut. */
    public static org.springframework.jdbc.core.simple.JdbcClient directJdbc() {
        return org.springframework.jdbc.core.simple.JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        localDatabaseUrl(), mysqlUser(), mysqlPassword()));
    }

    /** Where the test MySQL server listens, for a {@link TcpProxy} in front of it. */
    public static java.net.InetSocketAddress mysqlAddress() {
        java.net.URI server = java.net.URI.create(mysqlServerUrl().substring("jdbc:".length()));
        return new java.net.InetSocketAddress(server.getHost(), server.getPort() < 0 ? 3306 : server.getPort());
    }

    /** Where the test Redis server listens, for a {@link TcpProxy} in front of it. */
    public static java.net.InetSocketAddress redisAddress() {
        return new java.net.InetSocketAddress(redisHost(), Integer.parseInt(redisPort()));
    }

    /** This run's database reached through a local port (a {@link TcpProxy}) instead of the server's own. */
    public static String localDatabaseUrlThrough(int port) {
        java.net.URI direct = java.net.URI.create(localDatabaseUrl().substring("jdbc:".length()));
        try {
            return "jdbc:"
                    + new java.net.URI(
                            direct.getScheme(), null, "127.0.0.1", port, direct.getPath(), direct.getQuery(), null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void drop(String name) {
        try (Connection connection = DriverManager.getConnection(mysqlServerUrl(), mysqlUser(), mysqlPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
        } catch (SQLException ignored) {
            // best effort: a later run drops stale databases
        }
    }

    /** Databases of runs that were killed before their shutdown hook ran: older than six hours. */
    private static void dropStaleDatabases(Statement statement) throws SQLException {
        String cutoff = LocalDateTime.now().minusHours(6).format(STAMP);
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'surge\\_test\\_%'")) {
            while (rs.next()) {
                String db = rs.getString(1);
                String stamp = db.substring("surge_test_".length()).split("_")[0];
                if (stamp.length() == 14 && stamp.compareTo(cutoff) < 0) {
                    stale.add(db);
                }
            }
        }
        for (String db : stale) {
            statement.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
