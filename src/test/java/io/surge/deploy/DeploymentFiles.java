package io.surge.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the stage and deployment files at the top of the repository, and what the app itself can be configured by. */
final class DeploymentFiles {

    static final Path ROOT = Path.of("").toAbsolutePath();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeploymentFiles() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document; compose's anchors and merge keys ({@code <<: *app}) are resolved. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) yamlLoader().load(read(relative));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String relative) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yamlLoader().loadAll(read(relative))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    private static Yaml yamlLoader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> root, String dottedPath) {
        Object current = root;
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> node)) {
                return null;
            }
            current = ((Map<String, Object>) node).get(key);
        }
        return current;
    }

    /** KEY=VALUE lines of an env file such as stage/app.env (comments and blank lines skipped). */
    static Map<String, String> envFile(String relative) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : read(relative).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
        return env;
    }

    /**
     * Every environment variable the app reads: the {@code ${NAME...}} placeholders of application.yml, plus every
     * property in the Spring configuration metadata on the classpath (Boot's and the app's own), in its env-var form
     * ({@code spring.data.redis.host} -> {@code SPRING_DATA_REDIS_HOST}, dashes dropped as relaxed binding does).
     */
    static Set<String> variablesTheAppReads() {
        Set<String> names = new TreeSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(read("src/main/resources/application.yml"));
        while (placeholders.find()) {
            names.add(placeholders.group(1));
        }
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : List.of(
                    "classpath*:META-INF/spring-configuration-metadata.json",
                    "classpath*:META-INF/additional-spring-configuration-metadata.json")) {
                for (Resource resource : resolver.getResources(pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        JsonNode properties = JSON.readTree(in).path("properties");
                        for (JsonNode property : properties) {
                            names.add(envForm(property.path("name").asString()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    static String envForm(String propertyName) {
        return propertyName.replace("-", "").replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    /** Variables the JVM or the OTel javaagent read themselves, not the app. */
    static boolean readByTheRuntime(String name) {
        return name.startsWith("OTEL_")
                || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS")
                || name.equals("MALLOC_ARENA_MAX");
    }

    /** In bytes, from a Docker / JVM / Kubernetes size like 512M, 192m, 1g, 512Mi. */
    static long bytes(String size) {
        String value = size.strip().toLowerCase(java.util.Locale.ROOT);
        if (value.endsWith("i")) { // Kubernetes: 512Mi
            value = value.substring(0, value.length() - 1);
        }
        long unit = switch (value.charAt(value.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        String digits = unit == 1 ? value : value.substring(0, value.length() - 1);
        return Long.parseLong(digits) * unit;
    }
}
