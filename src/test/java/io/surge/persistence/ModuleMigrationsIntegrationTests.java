package io.surge.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.IntegrationTest;
import java.util.List;
import org.flywaydb.core.api.Location;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class ModuleMigrationsIntegrationTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void findsTheRootFolderFirstThenEveryModuleFolder() {
        var modules = new ModuleMigrations(getClass().getClassLoader())
                .modules(new Location[] {new Location("classpath:db/migration")});

        assertThat(modules)
                .containsExactly("__root", "catalog", "coupon", "dispatch", "member", "order", "payment", "platform");
    }

    @Test
    void everyModuleHasItsOwnHistoryTableWithItsMigrationApplied() {
        for (String module : List.of("catalog", "coupon", "dispatch", "member", "order", "payment", "platform")) {
            Integer applied = jdbc.queryForObject(
                    "select count(*) from flyway_schema_history_" + module + " where success = 1 and version = '1'",
                    Integer.class);
            assertThat(applied).as(module).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from flyway_schema_history where success = 1 and version = '1'",
                        Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from EVENT_PUBLICATION where 1 = 0", Integer.class))
                .isZero();
    }
}
