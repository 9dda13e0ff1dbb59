package io.surge.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.SurgeApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Stage and prod must not start with a per-process random key; a short key is refused everywhere. */
class JwtKeysTests {

    @Test
    void stageProfileWithoutSecretRefusesToStart() {
        Throwable failure = start("--spring.profiles.active=stage", "--surge.security.jwt-secret=");

        assertThat(failure).isNotNull();
        assertThat(rootMessage(failure)).contains("SURGE_JWT_SECRET must be set");
    }

    /** On main the prod profile started with every value of .env.example. */
    @Test
    void prodWithTheExampleEnvFileRefusesToStartNamingEverySecret() throws Exception {
        java.util.Map<String, String> example = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(".env.example"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                example.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Throwable failure = start(
                "--spring.profiles.active=prod",
                "--surge.security.jwt-secret=" + example.get("SURGE_JWT_SECRET"),
                "--surge.member.admin-password=" + example.get("SURGE_ADMIN_PASSWORD"),
                "--spring.datasource.password=" + example.get("MYSQL_PASSWORD"),
                "--spring.data.redis.password=" + example.get("REDIS_PASSWORD"));

        assertThat(rootMessage(failure))
                .contains("Refusing to start with profile 'prod'")
                .contains("SURGE_JWT_SECRET is the placeholder shipped in .env.example")
                .contains("SURGE_ADMIN_PASSWORD is the placeholder shipped in .env.example")
                .contains("SPRING_DATASOURCE_PASSWORD is the placeholder")
                .contains("SPRING_DATA_REDIS_PASSWORD is the placeholder")
                .doesNotContain(example.get("SURGE_ADMIN_PASSWORD"));
    }

    @Test
    void stageWithAWeakSecretRefusesToStart() {
        Throwable failure = start("--spring.profiles.active=stage", "--surge.security.jwt-secret=" + "ab".repeat(24));

        assertThat(rootMessage(failure)).contains("SURGE_JWT_SECRET is too weak");
    }

    @Test
    void shortSecretRefusesToStart() {
        Throwable failure = start("--surge.security.jwt-secret=too-short");

        assertThat(rootMessage(failure)).contains("at least 32 bytes");
    }

    private static Throwable start(String... args) {
        SpringApplication app = new SpringApplication(SurgeApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (var ignored = app.run(append(
                args,
                "--spring.datasource.url=jdbc:mysql://127.0.0.1:1/none",
                "--spring.flyway.enabled=false",
                "--spring.datasource.hikari.initialization-fail-timeout=-1"))) {
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String[] append(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String rootMessage(Throwable t) {
        Throwable cause = t;
        StringBuilder messages = new StringBuilder();
        while (cause != null) {
            messages.append(cause.getMessage()).append('\n');
            cause = cause.getCause();
        }
        return messages.toString();
    }
}
