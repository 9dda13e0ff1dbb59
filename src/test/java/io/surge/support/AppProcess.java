package io.surge.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The application as a separate JVM on this run's database and Redis prefix, so a test can kill it with SIGKILL
 * (no shutdown hooks, no graceful drain) and then check what survived.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static AppProcess start(String... extraArgs) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("surge-app-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.surge.SurgeApplication",
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--spring.datasource.url=" + TestServices.localDatabaseUrl(),
                "--spring.datasource.username=" + TestServices.mysqlUser(),
                "--spring.datasource.password=" + TestServices.mysqlPassword(),
                "--spring.data.redis.host=" + TestServices.redisHost(),
                "--spring.data.redis.port=" + TestServices.redisPort(),
                "--surge.redis.key-prefix=" + TestServices.redisKeyPrefix(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--surge.dispatch.platform-url=" + TestPlatform.url(),
                "--logging.level.org.apache.kafka=warn"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AppProcess app = new AppProcess(process, port, log);
        Api api = new Api(port);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .failFast("application process exited; see " + log, () -> !process.isAlive())
                    .until(() -> api.get("/readyz", null).status() == 200);
        } catch (RuntimeException | Error notReady) {
            // The caller never gets the handle to close: without this the child outlives the test run.
            process.destroyForcibly();
            throw notReady;
        }
        return app;
    }

    public int port() {
        return port;
    }

    public File log() {
        return log.toFile();
    }

    /** SIGKILL: the process gets no chance to flush, drain or compensate anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
