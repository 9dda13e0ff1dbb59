package io.surge.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Runs each module's migrations ({@code db/migration/<module>/}) with its own history table
 * ({@code flyway_schema_history_<module>}), after the shared ones in {@code db/migration/__root/}
 * ({@code flyway_schema_history}) — the layout and table names of Spring Modulith's module-aware Flyway support, so
 * existing databases carry on unchanged.
 *
 * <p>Why not Modulith's own strategy: it needs {@code spring-modulith-runtime}, which bootstraps the ArchUnit model of
 * the whole application at start-up and keeps it: measured on this app, ~40 MB of a 192 MB heap and seconds of start-up
 * CPU in every instance, for a list of folder names. The folders are found on the classpath instead. Modules own
 * their tables and no migration references another module's table, so the order between modules does not matter;
 * they run alphabetically for a stable log.
 */
public class ModuleMigrations implements FlywayMigrationStrategy {

    static final String ROOT = "__root";

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    private final ResourcePatternResolver resources;

    public ModuleMigrations(ClassLoader classLoader) {
        this.resources = new PathMatchingResourcePatternResolver(classLoader);
    }

    @Override
    public void migrate(Flyway flyway) {
        var config = flyway.getConfiguration();
        for (String module : modules(config.getLocations())) {
            String table = ROOT.equals(module) ? config.getTable() : config.getTable() + "_" + module;
            String[] locations = Arrays.stream(config.getLocations())
                    .map(location -> location.getDescriptor() + "/" + module)
                    .toArray(String[]::new);
            log.debug("Migrating module {} ({})", module, table);
            Flyway.configure(config.getClassLoader())
                    .configuration(config)
                    .locations(locations)
                    .table(table)
                    .baselineVersion("0")
                    .baselineOnMigrate(true)
                    .load()
                    .migrate();
        }
    }

    /** {@code __root} first, then every other folder under the configured locations that holds a migration. */
    List<String> modules(Location[] locations) {
        var modules = new TreeSet<String>();
        for (Location location : locations) {
            if (!location.isClassPath()) {
                throw new IllegalStateException("Module migrations are read from the classpath, not " + location);
            }
            String base = "classpath*:" + location.getRootPath() + "/";
            for (Resource sql : find(base + "*/*.sql")) {
                modules.add(folderOf(sql));
            }
        }
        boolean hasRoot = modules.remove(ROOT);
        return Stream.concat(hasRoot ? Stream.of(ROOT) : Stream.empty(), modules.stream())
                .toList();
    }

    private Resource[] find(String pattern) {
        try {
            return resources.getResources(pattern);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migrations at " + pattern, e);
        }
    }

    private static String folderOf(Resource sql) {
        try {
            String path = Objects.requireNonNull(sql.getURL()).toString();
            String folderPath = path.substring(0, path.lastIndexOf('/'));
            return folderPath.substring(folderPath.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot locate migration " + sql, e);
        }
    }
}
