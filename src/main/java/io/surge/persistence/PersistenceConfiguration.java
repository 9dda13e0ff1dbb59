package io.surge.persistence;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    FlywayMigrationStrategy moduleMigrations() {
        return new ModuleMigrations(PersistenceConfiguration.class.getClassLoader());
    }
}
