package io.surge.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The k6 suite (k6/surge.js, for the user's client machine) and its Gatling twin (load/gatling, run here) must run
 * the same scenarios: both read k6/scenarios.json, and this test checks that the file declares every scenario the
 * capacity issue names, that k6 builds its open-model executors and thresholds from it (evaluated under node when
 * node is installed), and that the twin knows every flow and the same outcome classes.
 */
class LoadSuiteAgreementTests {

    static final Path FILE = Path.of("k6/scenarios.json");
    static final Path K6 = Path.of("k6/surge.js");
    static final Path TWIN = Path.of("load/gatling/src/test/java/io/surge/load");
    static final Set<String> REQUIRED =
            Set.of("load", "peak", "stress", "endurance", "signup", "mixed", "abuser", "overload");
    static final Set<String> FLOWS = Set.of("coupon", "coupon-abuser", "signup", "mixed");

    static JsonNode file() throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(FILE));
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void theFileDeclaresEveryScenarioWithOpenModelPopulations() throws IOException {
        JsonNode root = file();
        assertThat(names(root.path("scenarios"))).containsAll(REQUIRED);
        Set<String> classes = new LinkedHashSet<>(names(root.path("outcomes").path("classes")));
        for (String name : names(root.path("scenarios"))) {
            JsonNode spec = root.path("scenarios").path(name);
            assertThat(spec.path("populations").isEmpty()).as(name).isFalse();
            for (JsonNode p : spec.path("populations")) {
                assertThat(FLOWS).as(name).contains(p.path("flow").asString());
                assertThat(p.path("executor").asString()).as(name).isIn("constant", "ramping");
                if (p.path("executor").asString().equals("constant")) {
                    assertThat(p.path("rate").asDouble()).as(name).isPositive();
                    assertThat(p.path("durationS").asDouble()).as(name).isPositive();
                } else {
                    assertThat(p.path("stages").isEmpty()).as(name).isFalse();
                    p.path("stages")
                            .forEach(st ->
                                    assertThat(st.path("durationS").asDouble()).isPositive());
                }
            }
            spec.path("expected").forEach(c -> assertThat(classes).as(name).contains(c.asString()));
            assertThat(spec.path("slo").path("p95Ms").asInt())
                    .as(name + ": stricter than or equal to the seed's baseline p95 < 500 ms")
                    .isBetween(1, 500);
            assertThat(spec.path("slo").path("checks").asDouble()).as(name).isGreaterThanOrEqualTo(0.99);
        }
        // 429 and 503 are never folded into another class
        assertThat(classes).contains("throttled", "unavailable", "sold_out", "already_issued", "network");
        assertThat(root.path("scenarios")
                        .path("endurance")
                        .path("populations")
                        .get(0)
                        .path("durationS")
                        .asInt())
                .isEqualTo(1800);
        assertThat(root.path("scenarios")
                        .path("mixed")
                        .path("mix")
                        .path("orderProbability")
                        .asDouble())
                .isEqualTo(0.05);
    }

    @Test
    void k6ReadsTheFileAndHasAFunctionForEveryFlow() throws IOException {
        String k6 = Files.readString(K6);
        assertThat(k6).contains("JSON.parse(open('./scenarios.json'))");
        assertThat(k6).doesNotContain("constant-vus", "ramping-vus", "per-vu-iterations", "shared-iterations");
        for (String fn : List.of("coupon", "abuser", "signup", "mixed", "setup", "teardown", "handleSummary")) {
            assertThat(k6).contains("export function " + fn + "(");
        }
        assertThat(k6).contains("/api/admin/members/${memberId}/wallet/credit", "/api/members/me/wallet/charge");
        assertThat(classesIn(body(k6, "export function classify("), "return '([a-z_]+)';"))
                .containsExactlyInAnyOrderElementsOf(
                        names(file().path("outcomes").path("classes")));
    }

    @Test
    void theTwinReadsTheFileKnowsEveryFlowAndTheSameOutcomeClasses() throws IOException {
        String simulation = Files.readString(TWIN.resolve("SurgeSimulation.java"));
        String outcomes = Files.readString(TWIN.resolve("Outcomes.java"));
        assertThat(Files.readString(TWIN.resolve("ScenarioFile.java"))).contains("\"k6/scenarios.json\"");
        for (String flow : FLOWS) {
            assertThat(simulation).contains("case \"" + flow + "\" ->");
        }
        assertThat(simulation).contains("constantUsersPerSec", "rampUsersPerSec", "injectOpen");
        assertThat(simulation).doesNotContain("injectClosed", "atOnceUsers");
        Matcher list = Pattern.compile("CLASSES = List.of\\(([^)]*)\\)").matcher(outcomes);
        assertThat(list.find()).isTrue();
        assertThat(classesIn(list.group(1), "\"([a-z_]+)\""))
                .containsExactlyElementsOf(names(file().path("outcomes").path("classes")));
        assertThat(classesIn(body(outcomes, "static String classify("), "return \"([a-z_]+)\";"))
                .containsExactlyInAnyOrderElementsOf(
                        names(file().path("outcomes").path("classes")));
        assertThat(Files.readString(Path.of("load/gatling/pom.xml")))
                .contains("<artifactId>gatling-charts-highcharts</artifactId>", "<gatling.version>3.14.");
    }

    /** Under node (when installed): k6/surge.js parses as an ES module and builds, for every scenario, exactly the
     * executors, rates and durations the file declares (times the scale knobs). */
    @Test
    void k6BuildsEveryScenarioFromTheFile() throws Exception {
        if (!nodeAvailable()) {
            System.err.println("[LoadSuiteAgreementTests] node not installed: k6 script evaluation skipped");
            return;
        }
        Path copy = Files.createTempFile("surge-k6-", ".mjs");
        Files.copy(K6, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(run("node", "--check", copy.toString()).exit())
                .as("node --check k6/surge.js")
                .isZero();
        assertThat(run("node", "--check", "k6/dry-run.mjs").exit()).isZero();
        JsonNode root = file();
        JsonMapper mapper = JsonMapper.builder().build();
        for (String name : names(root.path("scenarios"))) {
            Result r = run("node", "k6/dry-run.mjs", name, "DURATION_SCALE=0.5", "RATE_SCALE=0.5", "CAPACITY=800");
            assertThat(r.exit()).as(name + ": " + r.output()).isZero();
            JsonNode k6 = mapper.readTree(r.output());
            JsonNode spec = root.path("scenarios").path(name);
            assertThat(names(k6.path("options").path("scenarios")))
                    .as(name)
                    .containsExactlyElementsOf(populationNames(spec));
            for (JsonNode p : spec.path("populations")) {
                JsonNode ex =
                        k6.path("options").path("scenarios").path(p.path("name").asString());
                double unit = (p.path("targetUnit").asString().equals("xCapacity") ? 800 : 1)
                        * (p.path("scaleRate").asBoolean(true) ? 0.5 : 1.0);
                if (p.path("executor").asString().equals("constant")) {
                    assertThat(ex.path("executor").asString()).isEqualTo("constant-arrival-rate");
                    assertThat(ex.path("rate").asLong())
                            .as(name)
                            .isEqualTo(Math.max(1, Math.round(p.path("rate").asDouble() * unit)));
                    assertThat(ex.path("duration").asString())
                            .isEqualTo(
                                    Math.max(5, Math.round(p.path("durationS").asDouble() * 0.5)) + "s");
                } else {
                    assertThat(ex.path("executor").asString()).isEqualTo("ramping-arrival-rate");
                    assertThat(ex.path("stages").size())
                            .isEqualTo(p.path("stages").size());
                    for (int i = 0; i < p.path("stages").size(); i++) {
                        JsonNode st = p.path("stages").get(i);
                        assertThat(ex.path("stages").get(i).path("target").asLong())
                                .as(name + " stage " + i)
                                .isEqualTo(
                                        Math.max(1, Math.round(st.path("target").asDouble() * unit)));
                    }
                }
            }
            assertThat(k6.path("options")
                            .path("thresholds")
                            .path("checks")
                            .get(0)
                            .asString())
                    .isEqualTo("rate>" + spec.path("slo").path("checks").asDouble());
            assertThat(k6.path("classify").path("409 COUPON_SOLD_OUT").asString())
                    .isEqualTo("sold_out");
            assertThat(k6.path("classify").path("409 COUPON_ALREADY_ISSUED").asString())
                    .isEqualTo("already_issued");
            assertThat(k6.path("classify").path("429 TOO_MANY_REQUESTS").asString())
                    .isEqualTo("throttled");
            assertThat(k6.path("classify").path("503 SERVICE_UNAVAILABLE").asString())
                    .isEqualTo("unavailable");
            assertThat(k6.path("classify").path("0").asString()).isEqualTo("network");
        }
    }

    /** The text of one function: from its declaration to the first line that is a closing brace at its indent. */
    private static String body(String text, String declaration) {
        int from = text.indexOf(declaration);
        assertThat(from).as(declaration).isNotNegative();
        int line = text.lastIndexOf('\n', from) + 1;
        String indent = text.substring(line, from).replaceAll("\\S.*", "");
        int to = text.indexOf("\n" + indent + "}", from);
        return text.substring(from, to);
    }

    private static List<String> populationNames(JsonNode spec) {
        List<String> names = new ArrayList<>();
        spec.path("populations").forEach(p -> names.add(p.path("name").asString()));
        return names;
    }

    private static List<String> classesIn(String text, String regex) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) found.add(m.group(g));
            }
        }
        return new ArrayList<>(found);
    }

    record Result(int exit, String output) {}

    private static boolean nodeAvailable() {
        try {
            return run("node", "--version").exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), p.exitValue() == 0 ? out : out + err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
