package io.surge.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario file k6 reads too (k6/scenarios.json), with the run's knobs applied: SCENARIO, BASE_URL, CAPACITY,
 * DURATION_SCALE (shortens every stage, never below defaults.minStageS) and RATE_SCALE (thins every rate).
 */
final class ScenarioFile {

    final JsonNode root;
    final String name;
    final JsonNode spec;
    final String baseUrl;
    final double capacity;
    final double durationScale;
    final double rateScale;
    final Path repo;

    private ScenarioFile(JsonNode root, String name, Path repo) {
        this.root = root;
        this.name = name;
        this.repo = repo;
        this.spec = root.path("scenarios").path(name);
        if (spec.isMissingNode()) {
            throw new IllegalArgumentException("unknown SCENARIO=" + name + "; one of: " + names(root));
        }
        JsonNode defaults = root.path("defaults");
        this.baseUrl = knob("BASE_URL", defaults.path("baseUrl").asText()).replaceAll("/$", "");
        this.capacity = Double.parseDouble(knob("CAPACITY", defaults.path("capacityRps").asText()));
        this.durationScale = Double.parseDouble(knob("DURATION_SCALE", "1"));
        this.rateScale = Double.parseDouble(knob("RATE_SCALE", "1"));
    }

    static ScenarioFile load() {
        Path repo = repoRoot();
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readString(repo.resolve("k6/scenarios.json")));
            return new ScenarioFile(root, knob("SCENARIO", "load"), repo);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read k6/scenarios.json under " + repo, e);
        }
    }

    /** System property surge.x.y wins over env X_Y, then the default. */
    static String knob(String env, String fallback) {
        String prop = System.getProperty("surge." + env.toLowerCase().replace('_', '.'));
        if (prop != null && !prop.isBlank()) return prop;
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path repoRoot() {
        Path dir = Path.of(knob("SURGE_ROOT", ".")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("k6/scenarios.json"))) return p;
        }
        throw new IllegalStateException("no k6/scenarios.json above " + dir + " (set SURGE_ROOT)");
    }

    private static String names(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.path("scenarios").fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    double rate(JsonNode population, double value) {
        double unit = "xCapacity".equals(population.path("targetUnit").asText()) ? capacity : 1;
        double scale = population.path("scaleRate").asBoolean(true) ? rateScale : 1;
        return Math.max(1, Math.round(value * unit * scale));
    }

    long seconds(double s) {
        return Math.max(root.path("defaults").path("minStageS").asLong(5), Math.round(s * durationScale));
    }

    int members() {
        return (int) Math.round(spec.path("members").asInt(0) * Math.min(1, rateScale));
    }

    List<String> expected(String key) {
        List<String> list = new ArrayList<>();
        JsonNode node = spec.path(key).isMissingNode() ? spec.path("expected") : spec.path(key);
        node.forEach(n -> list.add(n.asText()));
        return list;
    }

    JsonNode slo() {
        var merged = root.path("defaults").path("slo").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) merged).setAll((com.fasterxml.jackson.databind.node.ObjectNode)
                spec.path("slo").deepCopy());
        return merged;
    }
}
