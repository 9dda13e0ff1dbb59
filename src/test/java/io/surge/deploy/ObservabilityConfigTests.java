package io.surge.deploy;

import static io.surge.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * observability/ is checked by the tools that will load it: the Prometheus rules and their unit tests with promtool,
 * the routing with amtool, every dashboard query parsed by promtool, and the wiring of compose, collector and
 * Grafana by parsing. CI installs promtool and amtool (.ci/run); elsewhere their checks are skipped when missing.
 */
class ObservabilityConfigTests {

    static final Path PROMETHEUS = DeploymentFiles.path("observability/prometheus");
    static final Path ALERTMANAGER = DeploymentFiles.path("observability/alertmanager");
    static final Path DASHBOARDS = DeploymentFiles.path("observability/grafana/dashboards");
    static final Pattern SURGE_METRIC = Pattern.compile("\\bsurge_[a-z_]+");

    @Test
    void alertRulesPassTheirPromtoolUnitTests() throws Exception {
        Path promtool = tool("promtool");
        List<String> tests;
        try (Stream<Path> files = Files.list(PROMETHEUS.resolve("tests"))) {
            tests = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".test.yml"))
                    .sorted()
                    .toList();
        }
        assertThat(tests).contains("surge-alerts.test.yml", "records-compose.test.yml", "records-native.test.yml");
        List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        command.addAll(tests);
        assertThat(run(PROMETHEUS.resolve("tests"), command))
                .contains("SUCCESS")
                .doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasAFiringAndASilentTestCase() {
        String tests = DeploymentFiles.read("observability/prometheus/tests/surge-alerts.test.yml");
        for (Map<String, Object> alert : alerts()) {
            String name = alert.get("alert").toString();
            Matcher cases = Pattern.compile("alertname: " + name + "\\n(\\s+)(exp_alerts:)?")
                    .matcher(tests);
            int firing = 0;
            int silent = 0;
            while (cases.find()) {
                if (cases.group(2) == null) {
                    silent++;
                } else {
                    firing++;
                }
            }
            assertThat(firing).as("%s: test cases where it fires", name).isPositive();
            assertThat(silent).as("%s: test cases where it does not", name).isPositive();
            Map<String, Object> labels = map(alert.get("labels"));
            assertThat(labels.get("severity")).as("%s severity", name).isIn("critical", "warning");
            assertThat(map(alert.get("annotations"))).as(name).containsKeys("summary", "description", "runbook_url");
        }
    }

    @Test
    void prometheusConfigsAndRulesAreValid() throws Exception {
        Path promtool = tool("promtool");
        assertThat(run(
                        PROMETHEUS,
                        List.of(
                                promtool.toString(),
                                "check",
                                "config",
                                "prometheus.compose.yml",
                                "prometheus.native.yml")))
                .doesNotContain("FAILED");
    }

    /** Critical pages OnCall and Slack, warning goes to Slack only, for every rule's own labels. */
    @Test
    void alertmanagerConfigIsValidAndRoutesEverySeverity(@TempDir Path dir) throws Exception {
        Path amtool = tool("amtool");
        Path config = renderAlertmanager(dir);
        assertThat(run(dir, List.of(amtool.toString(), "check-config", config.toString())))
                .contains("SUCCESS")
                .contains("3 inhibit rules");
        Map<String, String> expected = Map.of("critical", "oncall-and-slack", "warning", "slack");
        for (Map<String, Object> alert : alerts()) {
            String severity = map(alert.get("labels")).get("severity").toString();
            assertThat(run(
                            dir,
                            List.of(
                                    amtool.toString(),
                                    "config",
                                    "routes",
                                    "test",
                                    "--config.file=" + config,
                                    "--verify.receivers=" + expected.get(severity),
                                    "alertname=" + alert.get("alert"),
                                    "severity=" + severity)))
                    .as("%s", alert.get("alert"))
                    .contains(expected.get(severity));
        }
        assertThat(run(
                        dir,
                        List.of(
                                amtool.toString(),
                                "config",
                                "routes",
                                "test",
                                "--config.file=" + config,
                                "--verify.receivers=slack",
                                "alertname=Unlabelled")))
                .contains("slack");
    }

    @Test
    void noReceiverUrlIsInTheRepository() {
        String config = DeploymentFiles.read("observability/alertmanager/alertmanager.yml");
        String withoutComments =
                config.lines().map(line -> line.replaceAll("#.*", "")).reduce("", (a, b) -> a + b + "\n");
        assertThat(withoutComments)
                .doesNotContainPattern("(?m)^\\s*-?\\s*(api_)?url:")
                .doesNotContain("hooks.slack.com");
        assertThat(withoutComments)
                .contains("url_file: /run/secrets/alertmanager-oncall-webhook-url")
                .contains("api_url_file: /run/secrets/alertmanager-slack-webhook-url");
    }

    @Test
    void dashboardsAreValidAndTheirQueriesParse(@TempDir Path dir) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Set<String> datasources = new HashSet<>();
        for (Object source :
                (List<?>) DeploymentFiles.yaml("observability/grafana/provisioning/datasources/datasources.yml")
                        .get("datasources")) {
            datasources.add(map(source).get("uid").toString());
        }
        List<String> files;
        try (Stream<Path> list = Files.list(DASHBOARDS)) {
            files = list.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertThat(files)
                .contains(
                        "surge-overview.json",
                        "surge-coupon.json",
                        "surge-orders-kafka.json",
                        "surge-runtime.json",
                        "surge-k6.json");
        Set<String> uids = new HashSet<>();
        Map<String, String> queries = new LinkedHashMap<>();
        for (String file : files) {
            JsonNode dashboard = json.readTree(DASHBOARDS.resolve(file).toFile());
            String uid = dashboard.get("uid").asString();
            assertThat(uids.add(uid)).as("unique uid %s", uid).isTrue();
            assertThat(dashboard.get("title").asString()).as(file).isNotBlank();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.get("panels")) {
                assertThat(ids.add(panel.get("id").asInt()))
                        .as("%s unique panel id", file)
                        .isTrue();
                assertThat(panel.get("gridPos").get("w").asInt()).as(file).isBetween(1, 24);
                if ("row".equals(panel.get("type").asString())) {
                    continue;
                }
                assertThat(datasources)
                        .as("%s %s", file, panel.get("title"))
                        .contains(panel.get("datasource").get("uid").asString());
                assertThat(panel.get("targets").size())
                        .as("%s %s", file, panel.get("title"))
                        .isPositive();
                for (JsonNode target : panel.get("targets")) {
                    queries.put(
                            file + " / " + panel.get("title").asString() + " / "
                                    + target.get("refId").asString(),
                            target.get("expr").asString());
                }
            }
        }
        assertThat(queries).hasSizeGreaterThan(50);
        Path promtool = tool("promtool");
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        int n = 0;
        for (String expr : queries.values()) {
            String concrete = expr.replace("$__rate_interval", "1m").replaceAll("\\$\\w+", "x");
            rules.append("      - record: dashboard:query:")
                    .append(n++)
                    .append("\n        expr: '")
                    .append(concrete.replace("'", "''"))
                    .append("'\n");
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        assertThat(run(dir, List.of(promtool.toString(), "check", "rules", file.toString())))
                .contains("SUCCESS: " + queries.size() + " rules found");
    }

    /** A dashboard or rule that names a surge_ metric nobody exports is a typo: every one is a meter in src/main. */
    @Test
    void everySurgeMetricNamedIsExportedByTheApplication() throws IOException {
        Set<String> meters = new TreeSet<>();
        Matcher meter = Pattern.compile("\"(surge\\.[a-z.]+)\"").matcher("");
        try (Stream<Path> sources = Files.walk(DeploymentFiles.path("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                meter.reset(Files.readString(source));
                while (meter.find()) {
                    meters.add(meter.group(1).replace('.', '_'));
                }
            }
        }
        Set<String> named = new TreeSet<>();
        List<Path> configs = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(DASHBOARDS), Files.walk(PROMETHEUS.resolve("rules")))) {
            files.filter(Files::isRegularFile).forEach(configs::add);
        }
        for (Path config : configs) {
            Matcher matcher = SURGE_METRIC.matcher(Files.readString(config));
            while (matcher.find()) {
                named.add(matcher.group());
            }
        }
        Set<String> deploymentSeries = Set.of("surge_alert_threshold", "surge_memory_limit_bytes");
        for (String name : named) {
            if (deploymentSeries.contains(name)) {
                continue;
            }
            String base = name.replaceAll("_(total|bytes|seconds)$", "");
            assertThat(meters)
                    .as("%s is exported by a meter in src/main/java", name)
                    .contains(base);
        }
        assertThat(named).contains("surge_coupon_writer_queued", "surge_kafka_listener_paused_seconds");
    }

    @Test
    void composeRunsTheObservabilityStackBehindItsProfile() {
        Map<String, Object> services =
                map(DeploymentFiles.yaml(DeploymentFilesTests.COMPOSE).get("services"));
        Set<String> stack = Set.of(
                "otel-collector",
                "jaeger",
                "prometheus",
                "alertmanager",
                "grafana",
                "cadvisor",
                "node-exporter",
                "redis-exporter",
                "mysqld-exporter",
                "nginx-exporter");
        assertThat(services.keySet()).containsAll(stack);
        for (String name : stack) {
            Map<String, Object> service = map(services.get(name));
            assertThat(service.get("profiles")).as(name).isEqualTo(List.of("observability"));
            assertThat(service.get("image").toString()).as("%s pinned", name).matches(".+:v?\\d+\\.\\d+\\.\\d+.*");
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(DeploymentFiles.path(source.substring(2)))
                            .as("%s mounts %s", name, source)
                            .exists();
                }
            }
        }
        // the apps' actuator is reachable by Prometheus on the compose network, and published nowhere
        Map<String, Object> app = map(services.get("app1"));
        assertThat(map(app.get("environment"))).containsEntry("SURGE_MANAGEMENT_PORT", "9080");
        services.forEach(
                (name, service) -> assertThat(String.valueOf(map(service).get("ports")))
                        .as("%s publishes no management port", name)
                        .doesNotContain("9080"));
        String scrape = DeploymentFiles.read("observability/prometheus/prometheus.compose.yml");
        for (String instance : List.of("app1", "app2", "app3", "app4")) {
            assertThat(scrape).contains("targets: [" + instance + ":9080]");
        }
        for (Object secret : map(DeploymentFiles.yaml(DeploymentFilesTests.COMPOSE)
                        .get("secrets"))
                .values()) {
            String file = map(secret).get("file").toString().replaceAll("\\$\\{[^:]+:-(.+)}", "$1");
            assertThat(DeploymentFiles.path(file.substring(2))).exists();
        }
    }

    /** What `otelcol validate` would say about dangling names: every pipeline names defined components. */
    @Test
    void collectorPipelinesUseDefinedComponents() {
        Map<String, Object> config = DeploymentFiles.yaml("observability/otel-collector/config.yaml");
        Map<String, Object> pipelines = map(map(config.get("service")).get("pipelines"));
        assertThat(pipelines).containsKeys("traces", "metrics");
        Set<String> connectors = map(config.get("connectors")).keySet();
        pipelines.forEach((name, value) -> {
            Map<String, Object> pipeline = map(value);
            for (String kind : List.of("receivers", "processors", "exporters")) {
                for (Object component : (List<?>) pipeline.get(kind)) {
                    Set<String> defined = new HashSet<>(map(config.get(kind)).keySet());
                    if (!kind.equals("processors")) {
                        defined.addAll(connectors);
                    }
                    assertThat(defined).as("%s %s", name, kind).contains(component.toString());
                }
            }
        });
        assertThat(map(map(pipelines.get("traces"))).get("exporters").toString())
                .contains("otlp/jaeger", "spanmetrics");
    }

    static List<Map<String, Object>> alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Object group : (List<?>) DeploymentFiles.yaml("observability/prometheus/rules/surge-alerts.yml")
                .get("groups")) {
            for (Object rule : (List<?>) map(group).get("rules")) {
                if (map(rule).containsKey("alert")) {
                    alerts.add(map(rule));
                }
            }
        }
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(16);
        return alerts;
    }

    /** The repo's config through observability/alertmanager/render, with throwaway receiver URLs. */
    static Path renderAlertmanager(Path dir) throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("alertmanager-slack-webhook-url"), "http://127.0.0.1:1/slack\n");
        Files.writeString(secrets.resolve("alertmanager-oncall-webhook-url"), "http://127.0.0.1:1/oncall\n");
        Path templates = Files.createDirectories(dir.resolve("templates"));
        try (Stream<Path> files = Files.list(ALERTMANAGER.resolve("templates"))) {
            for (Path template : files.toList()) {
                Files.copy(template, templates.resolve(template.getFileName()));
            }
        }
        Path config = dir.resolve("alertmanager.yml");
        run(
                dir,
                List.of(
                        "bash",
                        ALERTMANAGER.resolve("render").toString(),
                        ALERTMANAGER.resolve("alertmanager.yml").toString(),
                        config.toString(),
                        secrets.toString()));
        assertThat(Files.readString(config)).contains("url: 'http://127.0.0.1:1/oncall'");
        return config;
    }

    static Path tool(String name) {
        Path found = null;
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                found = Path.of(dir, name);
                break;
            }
        }
        if (System.getenv("CI") == null) {
            assumeThat(found)
                    .as(name + " is not installed (apt-get install prometheus prometheus-alertmanager)")
                    .isNotNull();
        }
        assertThat(found).as(name + " on CI (.ci/run installs it)").isNotNull();
        return found;
    }

    static String run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as(String.join(" ", command))
                .isTrue();
        assertThat(process.exitValue())
                .as("%s\n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }
}
