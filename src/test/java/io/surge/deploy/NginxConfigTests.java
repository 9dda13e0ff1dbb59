package io.surge.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real top-level nginx.conf passes {@code nginx -t}, laid out the way stage/run lays it out (the file unchanged,
 * only surge/*.conf generated). CI installs nginx (.ci/run); elsewhere the check is skipped when nginx is missing.
 */
class NginxConfigTests {

    static final String CONF = DeploymentFiles.read("nginx.conf");

    @Test
    void nginxAcceptsTheConfig(@TempDir Path prefix) throws Exception {
        Path nginx = requireNginx();
        layOut(
                prefix,
                CONF,
                "server 127.0.0.1:8081;\nserver 127.0.0.1:8082;\nserver 127.0.0.1:8083;\nserver 127.0.0.1:8084;\n");

        Process process = new ProcessBuilder(
                        nginx.toString(),
                        "-t",
                        "-p",
                        prefix + "/",
                        "-c",
                        prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("syntax is ok", "test is successful");
    }

    @Test
    void theCompositionIncludesOnlyTheGeneratedPieces() throws IOException {
        assertThat(CONF)
                .contains(
                        "include surge/main.conf;", "include surge/http.conf;", "include surge/upstream-servers.conf;");
        for (String piece : List.of("main.conf", "http.conf", "upstream-servers.conf")) {
            assertThat(DeploymentFiles.path("deploy/nginx/compose/" + piece)).exists();
        }
    }

    @Test
    void loadBalancingFollowsTheStageRules() {
        assertThat(CONF).contains("least_conn;", "keepalive 128;", "proxy_set_header Connection \"\";");
        // retries only when the request never reached an instance; nginx never retries POST without this flag
        assertThat(CONF)
                .contains("proxy_next_upstream error timeout;")
                .doesNotContainPattern("(?m)^\\s*proxy_next_upstream\\s[^;]*non_idempotent");
        assertThat(CONF).contains("limit_req_zone", "limit_conn_zone", "stub_status;", "escape=json");
        assertThat(CONF).contains("$upstream_response_time", "$request_time", "\"upstream\":\"$upstream_addr\"");
        // which instance answered stays in the access log, never in a header clients see (on main: X-Upstream)
        assertThat(CONF).doesNotContainPattern("(?m)^\\s*add_header\\s+X-Upstream");
        assertThat(CONF).doesNotContainPattern("(?m)^\\s*add_header[^;]*\\$upstream_addr");
        // readiness is rate limited like everything else; the app answers it from a short-lived cached check
        assertThat(CONF).containsPattern("location = /readyz \\{[^}]*limit_req zone=per_client");
        // health checks go to an instance, never answered by nginx itself
        assertThat(CONF).containsPattern("location = /readyz \\{\\s*proxy_pass http://surge_app;");
        assertThat(CONF).containsPattern("location = /healthz \\{\\s*proxy_pass http://surge_app;");
    }

    /** Lays nginx.conf (as given) out under prefix the way stage/run does: surge/*.conf generated beside it. */
    static void layOut(Path prefix, String conf, String upstreamServers) throws IOException {
        Files.writeString(prefix.resolve("nginx.conf"), conf);
        Path surge = Files.createDirectories(prefix.resolve("surge"));
        Files.writeString(surge.resolve("main.conf"), "pid " + prefix.resolve("nginx.pid") + ";\n");
        StringBuilder http = new StringBuilder();
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            http.append(temp)
                    .append("_temp_path ")
                    .append(prefix.resolve("tmp-" + temp))
                    .append(";\n");
        }
        Files.writeString(surge.resolve("http.conf"), http);
        Files.writeString(surge.resolve("upstream-servers.conf"), upstreamServers);
    }

    /** The nginx binary; skips the test where nginx is missing, except on CI (.ci/run installs it). */
    static Path requireNginx() {
        Path nginx = nginxBinary();
        if (System.getenv("CI") == null) {
            assumeThat(nginx)
                    .as("nginx is not installed (apt-get install nginx)")
                    .isNotNull();
        }
        assertThat(nginx).as("nginx on CI (.ci/run installs it)").isNotNull();
        return nginx;
    }

    static Path nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }
}
