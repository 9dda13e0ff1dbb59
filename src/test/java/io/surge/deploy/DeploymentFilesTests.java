package io.surge.deploy;

import static io.surge.deploy.DeploymentFiles.at;
import static io.surge.deploy.DeploymentFiles.bytes;
import static io.surge.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The container stage, the Kubernetes manifests and the files they share are checked here rather than by hand: every
 * compose service is capped and health-checked, the apps get only variables the app reads, k8s probes and limits
 * match, and the pinned versions agree between the image, compose and the native stage.
 */
class DeploymentFilesTests {

    static final String COMPOSE = "docker-compose.stage.yaml";
    static final Set<String> STAGE_SERVICES = Set.of(
            "nginx",
            "app1",
            "app2",
            "app3",
            "app4",
            "mysql",
            "redis",
            "kafka-1",
            "kafka-2",
            "kafka-3",
            "platform-mock");
    static final long CONTAINER_MEMORY = 512L << 20;

    static Map<String, Object> services() {
        return map(DeploymentFiles.yaml(COMPOSE).get("services"));
    }

    static Map<String, Map<String, Object>> appServices() {
        Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
        services().forEach((name, service) -> {
            if (name.matches("app\\d+")) {
                apps.put(name, map(service));
            }
        });
        return apps;
    }

    @Test
    void composeRunsTheWholeStageTopology() {
        assertThat(services().keySet()).containsAll(STAGE_SERVICES);
        assertThat(appServices()).hasSize(4);
        assertThat(at(map(services().get("nginx")), "ports").toString()).contains(":8080");
    }

    @Test
    void everyComposeServiceIsCappedAtOneCpuAnd512Megabytes() {
        services().forEach((name, value) -> {
            Map<String, Object> limits = map(at(map(value), "deploy.resources.limits"));
            assertThat(limits).as("%s deploy.resources.limits", name).containsKeys("cpus", "memory");
            assertThat(Double.parseDouble(limits.get("cpus").toString()))
                    .as("%s cpus", name)
                    .isPositive()
                    .isLessThanOrEqualTo(1.0);
            assertThat(bytes(limits.get("memory").toString()))
                    .as("%s memory", name)
                    .isPositive()
                    .isLessThanOrEqualTo(CONTAINER_MEMORY);
        });
    }

    @Test
    void everyComposeServiceHasAHealthCheckAndWaitsForHealthyDependencies() {
        services().forEach((name, value) -> {
            Map<String, Object> service = map(value);
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            assertThat(healthcheck).as("%s healthcheck", name).containsKey("test");
            assertThat(healthcheck.get("disable"))
                    .as("%s healthcheck disabled", name)
                    .isNotEqualTo(true);
            List<?> test = (List<?>) healthcheck.get("test");
            assertThat(test).as("%s healthcheck test", name).hasSizeGreaterThan(1);
            assertThat(test.getFirst()).as("%s healthcheck", name).isIn("CMD", "CMD-SHELL");
            map(service.get("depends_on")).forEach((dependency, condition) -> {
                assertThat(services())
                        .as("%s depends on a service of this file", name)
                        .containsKey(dependency);
                assertThat(map(condition).get("condition"))
                        .as("%s -> %s", name, dependency)
                        .isEqualTo("service_healthy");
            });
        });
        assertThat(map(map(services().get("nginx")).get("depends_on")).keySet())
                .containsExactlyInAnyOrderElementsOf(appServices().keySet());
    }

    @Test
    void appInstancesGetOnlyVariablesTheAppReads() {
        Set<String> known = DeploymentFiles.variablesTheAppReads();
        assertThat(known)
                .as("sanity: application.yml placeholders and Boot metadata were read")
                .contains("DB_POOL_MAX", "SURGE_JWT_SECRET", "SPRING_DATA_REDIS_HOST", "SPRING_DATASOURCE_PASSWORD");

        appServices().forEach((name, app) -> {
            Set<String> variables = appVariables(app);
            Set<String> unknown = variables.stream()
                    .filter(variable -> !known.contains(variable))
                    .filter(variable -> !DeploymentFiles.readByTheRuntime(variable))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(unknown)
                    .as("%s sets variables nothing reads (typos?)", name)
                    .isEmpty();
            assertThat(variables)
                    .as("%s", name)
                    .contains(
                            "SPRING_PROFILES_ACTIVE",
                            "SURGE_JWT_SECRET",
                            "SPRING_DATASOURCE_URL",
                            "SPRING_DATA_REDIS_HOST",
                            "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                            "SURGE_ADMIN_EMAIL",
                            "SURGE_ADMIN_PASSWORD");
        });
        assertThat(DeploymentFiles.envFile("stage/app.env")).containsEntry("SPRING_PROFILES_ACTIVE", "stage");
    }

    @Test
    void appInstancesDifferOnlyInTheirInstanceIds() {
        List<Map<String, Object>> environments = new ArrayList<>();
        appServices().values().forEach(app -> {
            Map<String, Object> env = new LinkedHashMap<>(map(app.get("environment")));
            assertThat(env.remove("OTEL_RESOURCE_ATTRIBUTES")).isNotNull();
            assertThat(env.remove("SURGE_INSTANCE_ID")).isNotNull();
            environments.add(env);
            assertThat(app.get("env_file")).isEqualTo(List.of("stage/app.env"));
            assertThat(app.get("image")).isEqualTo("surge:stage");
        });
        assertThat(environments).allSatisfy(env -> assertThat(env).isEqualTo(environments.getFirst()));
    }

    @Test
    void secretsComeFromTheEnvFile() {
        String compose = DeploymentFiles.read(COMPOSE);
        for (String secret : List.of(
                "MYSQL_ROOT_PASSWORD",
                "MYSQL_PASSWORD",
                "REDIS_PASSWORD",
                "SURGE_JWT_SECRET",
                "SURGE_ADMIN_PASSWORD")) {
            assertThat(compose).as(secret).contains("${" + secret + ":?");
            assertThat(DeploymentFiles.envFile(".env.example"))
                    .as(".env.example")
                    .containsKey(secret);
        }
        assertThat(DeploymentFiles.read(".gitignore").lines()).contains(".env");
    }

    @Test
    void redisNeverEvictsAndKafkaReplicatesThreeWays() {
        List<?> redis = (List<?>) map(services().get("redis")).get("command");
        assertThat(redis.get(redis.indexOf("--maxmemory-policy") + 1)).isEqualTo("noeviction");
        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> env = map(map(services().get(broker)).get("environment"));
            assertThat(env).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3");
            assertThat(env).containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2");
            assertThat(env)
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(bytes(env.get("KAFKA_HEAP_OPTS").toString().replaceAll(".*-Xmx(\\S+).*", "$1")))
                    .isLessThanOrEqualTo(CONTAINER_MEMORY / 2);
        }
    }

    @Test
    void nginxUpstreamInComposeListsEveryAppInstance() {
        Set<String> servers = DeploymentFiles.read("deploy/nginx/compose/upstream-servers.conf")
                .lines()
                .filter(line -> line.startsWith("server "))
                .map(line -> line.split("\\s+")[1])
                .collect(Collectors.toSet());
        Set<String> expected =
                appServices().keySet().stream().map(app -> app + ":8080").collect(Collectors.toSet());
        assertThat(servers).isEqualTo(expected);
        List<String> volumes = ((List<?>) map(services().get("nginx")).get("volumes"))
                .stream().map(Object::toString).toList();
        assertThat(volumes)
                .contains("./nginx.conf:/etc/nginx/nginx.conf:ro", "./deploy/nginx/compose:/etc/nginx/surge:ro");
    }

    /** The hard caps of stage/jvm.options alone must leave room for thread stacks and the JVM's own memory. */
    @Test
    void jvmOptionsFitTheContainer() {
        Map<String, Long> caps = new LinkedHashMap<>();
        Pattern flag = Pattern.compile(
                "^-(?:Xmx|XX:MaxMetaspaceSize=|XX:ReservedCodeCacheSize=|XX:MaxDirectMemorySize=)(\\d+[kmgKMG]?)$");
        for (String line : DeploymentFiles.read("stage/jvm.options").lines().toList()) {
            Matcher matcher = flag.matcher(line.strip());
            if (matcher.matches()) {
                caps.put(line.strip(), bytes(matcher.group(1)));
            }
        }
        assertThat(caps).hasSize(4);
        long sum = caps.values().stream().mapToLong(Long::longValue).sum();
        assertThat(sum)
                .as("heap + metaspace + code cache + direct caps %s", caps)
                .isLessThan(CONTAINER_MEMORY);
        assertThat(DeploymentFiles.read("Dockerfile")).contains("COPY stage/jvm.options", "@/app/jvm.options");
    }

    @Test
    void pinnedVersionsAgreeBetweenImageComposeAndNativeStage() {
        String pom = DeploymentFiles.read("stage/pom.xml");
        String otel = property(pom, "otel-agent.version");
        String kafka = property(pom, "kafka.version");
        String wiremock = property(pom, "wiremock.version");
        assertThat(DeploymentFiles.read("Dockerfile")).contains("ARG OTEL_AGENT_VERSION=" + otel + "\n");
        assertThat(map(services().get("kafka-1")).get("image")).isEqualTo("apache/kafka:" + kafka);
        assertThat(map(services().get("platform-mock")).get("image")).isEqualTo("wiremock/wiremock:" + wiremock);
    }

    @Test
    void dockerfileRunsAsNonRootWithTheAgentOnTemurin25() {
        String dockerfile = DeploymentFiles.read("Dockerfile");
        List<String> stages =
                dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(stages).hasSize(3); // build, AOT training, runtime
        assertThat(stages.getLast()).startsWith("FROM eclipse-temurin:25-jre");
        assertThat(dockerfile).containsPattern("(?m)^USER 10001");
        assertThat(dockerfile).contains("-javaagent:/app/otel/opentelemetry-javaagent.jar");
    }

    static Set<String> appVariables(Map<String, Object> app) {
        Set<String> variables = new TreeSet<>(map(app.get("environment")).keySet());
        for (Object file : (List<?>) app.get("env_file")) {
            variables.addAll(DeploymentFiles.envFile(file.toString()).keySet());
        }
        return variables;
    }

    static String property(String pom, String name) {
        Matcher matcher =
                Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)<").matcher(pom);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1);
    }
}
