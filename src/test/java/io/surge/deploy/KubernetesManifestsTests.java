package io.surge.deploy;

import static io.surge.deploy.DeploymentFiles.at;
import static io.surge.deploy.DeploymentFiles.bytes;
import static io.surge.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/k8s: parsed, and cross-checked against each other and against what the app reads. */
class KubernetesManifestsTests {

    static Map<String, Map<String, Object>> byKind() {
        Map<String, Map<String, Object>> kinds = new HashMap<>();
        for (Object file :
                (List<?>) DeploymentFiles.yaml("deploy/k8s/kustomization.yaml").get("resources")) {
            for (Map<String, Object> document : DeploymentFiles.yamlDocuments("deploy/k8s/" + file)) {
                assertThat(document).as("%s", file).containsKeys("apiVersion", "kind", "metadata");
                kinds.put(document.get("kind").toString(), document);
            }
        }
        return kinds;
    }

    static Map<String, Object> container() {
        List<?> containers = (List<?>) at(byKind().get("Deployment"), "spec.template.spec.containers");
        assertThat(containers).hasSize(1);
        return map(containers.getFirst());
    }

    @Test
    void kustomizationListsEveryManifest() throws Exception {
        Set<String> listed = new TreeSet<>();
        ((List<?>) DeploymentFiles.yaml("deploy/k8s/kustomization.yaml").get("resources"))
                .forEach(f -> listed.add(f.toString()));
        Set<String> present;
        try (var files = Files.list(DeploymentFiles.path("deploy/k8s"))) {
            present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .filter(n -> !n.equals(EXAMPLE_SECRET))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).isEqualTo(present);
        assertThat(byKind().keySet())
                .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap");
    }

    /**
     * On main {@code kubectl apply -k} deployed the example Secret: its placeholders, over a real Secret of the same
     * name. The example stays as documentation only; the real Secret is created out of band (README).
     */
    @Test
    void theExampleSecretIsNeverApplied() {
        List<String> resources = ((List<?>)
                        DeploymentFiles.yaml("deploy/k8s/kustomization.yaml").get("resources"))
                .stream().map(Object::toString).toList();
        assertThat(resources).doesNotContain(EXAMPLE_SECRET);
        assertThat(byKind()).doesNotContainKey("Secret");
        assertThat(at(exampleSecret(), "metadata.name")).isEqualTo("surge-secrets");
    }

    static final String EXAMPLE_SECRET = "secret.example.yaml";

    static Map<String, Object> exampleSecret() {
        return DeploymentFiles.yamlDocuments("deploy/k8s/" + EXAMPLE_SECRET).getFirst();
    }

    @Test
    void deploymentRunsFourInstancesWithTheStageLimitsAndAntiAffinity() {
        Map<String, Object> deployment = byKind().get("Deployment");
        assertThat(at(deployment, "spec.replicas")).isEqualTo(4);
        Map<String, Object> resources = map(container().get("resources"));
        assertThat(at(resources, "limits.cpu").toString()).isEqualTo("1");
        assertThat(bytes(at(resources, "limits.memory").toString())).isEqualTo(512L << 20);
        assertThat(at(resources, "requests")).isEqualTo(at(resources, "limits"));
        assertThat(at(deployment, "spec.template.spec.affinity.podAntiAffinity"))
                .isNotNull();
        assertThat((Integer) at(deployment, "spec.template.spec.terminationGracePeriodSeconds"))
                .isGreaterThan(30);
        assertThat(at(container(), "lifecycle.preStop")).isNotNull();
    }

    @Test
    void probesUseTheAppsHealthGroups() {
        assertThat(at(container(), "livenessProbe.httpGet.path")).isEqualTo("/healthz");
        assertThat(at(container(), "readinessProbe.httpGet.path")).isEqualTo("/readyz");
        assertThat(at(container(), "startupProbe.httpGet.path")).isEqualTo("/healthz");
    }

    @Test
    void selectorsMatchThePods() {
        Map<String, Object> podLabels = map(at(byKind().get("Deployment"), "spec.template.metadata.labels"));
        for (Map<String, Object> selector : List.of(
                map(at(byKind().get("Deployment"), "spec.selector.matchLabels")),
                map(at(byKind().get("Service"), "spec.selector")),
                map(at(byKind().get("PodDisruptionBudget"), "spec.selector.matchLabels")))) {
            assertThat(podLabels).containsAllEntriesOf(selector);
        }
        assertThat(at(byKind().get("HorizontalPodAutoscaler"), "spec.scaleTargetRef.name"))
                .isEqualTo(at(byKind().get("Deployment"), "metadata.name"));
    }

    @Test
    void autoscalingAndDisruptionBudgetKeepAtLeastThreeOfFour() {
        Map<String, Object> hpa = byKind().get("HorizontalPodAutoscaler");
        assertThat(at(hpa, "spec.minReplicas")).isEqualTo(4);
        assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(20);
        List<?> metrics = (List<?>) at(hpa, "spec.metrics");
        assertThat(at(map(metrics.getFirst()), "resource.name")).isEqualTo("cpu");
        assertThat(at(byKind().get("PodDisruptionBudget"), "spec.minAvailable")).isEqualTo(3);
    }

    @Test
    void configMapAndSecretSetOnlyVariablesTheAppReads() {
        Set<String> known = DeploymentFiles.variablesTheAppReads();
        Set<String> variables =
                new TreeSet<>(map(byKind().get("ConfigMap").get("data")).keySet());
        variables.addAll(map(exampleSecret().get("stringData")).keySet());
        Set<String> unknown = variables.stream()
                .filter(v -> !known.contains(v) && !DeploymentFiles.readByTheRuntime(v))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unknown).isEmpty();
        assertThat(variables).contains("SURGE_JWT_SECRET", "SPRING_DATASOURCE_URL", "SPRING_PROFILES_ACTIVE");
    }
}
