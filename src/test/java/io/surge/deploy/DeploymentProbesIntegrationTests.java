package io.surge.deploy;

import static io.surge.deploy.DeploymentFiles.at;
import static io.surge.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.surge.support.Api;
import io.surge.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every health path the deployment files probe answers 200 without a token on a running app. */
@IntegrationTest
class DeploymentProbesIntegrationTests {

    private static final Pattern LOCAL_URL = Pattern.compile("http://127\\.0\\.0\\.1:8080(/[\\w/-]*)");

    @LocalServerPort
    int port;

    @Test
    void everyProbedPathAnswersWithoutAToken() {
        Set<String> paths = probedPaths();
        assertThat(paths).contains("/healthz", "/readyz");

        Api api = new Api(port);
        for (String path : paths) {
            var response = api.get(path, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().get("status").asString()).as(path).isEqualTo("UP");
        }
    }

    static Set<String> probedPaths() {
        Set<String> paths = new TreeSet<>();
        for (Map<String, Object> document : DeploymentFiles.yamlDocuments("deploy/k8s/deployment.yaml")) {
            List<?> containers = (List<?>) at(document, "spec.template.spec.containers");
            for (Object container : containers) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    paths.add(at(map(container), probe + ".httpGet.path").toString());
                }
            }
        }
        Map<String, Object> app1 =
                map(map(DeploymentFiles.yaml("docker-compose.stage.yaml").get("services"))
                        .get("app1"));
        paths.addAll(localPaths(at(app1, "healthcheck.test").toString()));
        paths.addAll(localPaths(DeploymentFiles.read("Dockerfile")));
        Matcher passthrough =
                Pattern.compile("location = (/\\w+) \\{\\s*proxy_pass").matcher(DeploymentFiles.read("nginx.conf"));
        while (passthrough.find()) {
            paths.add(passthrough.group(1));
        }
        return paths;
    }

    static Set<String> localPaths(String text) {
        Set<String> paths = new TreeSet<>();
        Matcher matcher = LOCAL_URL.matcher(text);
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }
}
