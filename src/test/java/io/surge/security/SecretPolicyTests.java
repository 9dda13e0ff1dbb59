package io.surge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every secret-looking value the repository ships is refused, and real random secrets pass. */
class SecretPolicyTests {

    private static final Pattern ASSIGNMENT =
            Pattern.compile("(?:SURGE_JWT_SECRET|SURGE_ADMIN_PASSWORD|MYSQL_ROOT_PASSWORD|MYSQL_PASSWORD|REDIS_PASSWORD"
                    + "|SPRING_DATASOURCE_PASSWORD|SPRING_DATA_REDIS_PASSWORD|jwt-secret|admin-password)"
                    + "\\s*[=:]\\s*([^\\s$`'\"{}]+)");

    @Test
    void noValueShippedInTheRepositoryPassesAsAProductionSecret() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : shippedFiles()) {
            Matcher matcher = ASSIGNMENT.matcher(Files.readString(file));
            while (matcher.find()) {
                String value = matcher.group(1);
                if (!value.equals("...") && !value.startsWith("<")) {
                    found.add(value);
                    assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, value))
                            .as("%s in %s", value, file)
                            .isNotNull();
                    assertThat(SecretPolicy.problem(SecretPolicy.PASSWORD, value))
                            .as("%s in %s", value, file)
                            .isNotNull();
                }
            }
        }
        assertThat(found)
                .as("the scan sees the examples")
                .contains("change-me-to-at-least-32-random-bytes-0000000000", "replace-me");
    }

    @Test
    void aShortPlaceholderWordCountsOnlyAsAWordNotInsideRandomLetters() {
        String random = "Qx7tOdOk2Lm9Rw4Zp8Vn3Bc6Hs1Jy5Fg0Ta2Ke7Wu9Xi4Md8Nb3Pq6Rs1Lv5Zy0";
        assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, random)).isNull();
        assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, "todo-put-a-real-random-secret-of-32-bytes-here-x9Q"))
                .contains("placeholder");
        assertThat(SecretPolicy.problem(SecretPolicy.PASSWORD, "Admin.TODO.Pa55w0rd!x"))
                .contains("placeholder");
    }

    @Test
    void randomSecretsOfTheGeneratedShapePass() {
        var random = new java.security.SecureRandom();
        for (int i = 0; i < 100; i++) {
            byte[] jwt = new byte[48];
            byte[] password = new byte[18];
            random.nextBytes(jwt);
            random.nextBytes(password);
            // what stage/run generates: base64 of 48 and of 18 random bytes
            assertThat(SecretPolicy.problem(
                            SecretPolicy.JWT_SECRET, Base64.getEncoder().encodeToString(jwt)))
                    .isNull();
            assertThat(SecretPolicy.problem(
                            SecretPolicy.PASSWORD, Base64.getEncoder().encodeToString(password)))
                    .isNull();
        }
        assertThat(SecretPolicy.problem(SecretPolicy.PASSWORD, "correct horse battery staple"))
                .isNull();
    }

    @Test
    void repetitiveOrShortSecretsAreTooWeak() {
        assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, "a".repeat(64)))
                .contains("too weak");
        assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, "abcd".repeat(16)))
                .contains("too weak");
        assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, "Zx8#kq2!")).contains("too weak");
        assertThat(SecretPolicy.problem(SecretPolicy.JWT_SECRET, "abcdefghijklmnop".repeat(4)))
                .contains("too weak");
        assertThat(SecretPolicy.problem(SecretPolicy.PASSWORD, "hunter2")).contains("too weak");
        assertThat(SecretPolicy.problem(SecretPolicy.PASSWORD, "MyAdminPassword-example"))
                .contains("placeholder");
    }

    private static List<Path> shippedFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(
                Path.of(".env.example"),
                Path.of("deploy/k8s/secret.example.yaml"),
                Path.of("src/test/resources/application-test.yml"),
                Path.of("stage/bench-agent"),
                Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        try (Stream<Path> k8s = Files.list(Path.of("deploy/k8s"))) {
            k8s.forEach(files::add);
        }
        return files.stream().filter(Files::isRegularFile).distinct().toList();
    }
}
