package be.subside.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application as it is deployed: the fat jar (target/subside.jar, built by the package phase) in a JVM of its own,
 * profile {@code postgres}, on a loopback port. The test kills it (SIGKILL), stops it (SIGTERM, graceful) and starts it
 * again on the same port; its output goes to target/faults/NAME-N.log.
 */
final class AppNode implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "Fault-Staff-7x";
    static final Path JAR = Path.of("target", "subside.jar");

    private static final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final String jdbcUrl;
    private final List<String> properties;
    private Process process;
    private int runs;
    /** How long the last start took until the application answered healthy. */
    Duration lastStartUp = Duration.ZERO;

    AppNode(String name, String jdbcUrl, String... properties) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the fault tests run after the package phase "
                    + "(mvn -Pfaults verify)");
        }
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.properties = List.of(properties);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM and returns once the application answers healthy (its job executor then runs). */
    AppNode start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.timezone=UTC", "-jar", JAR.toString(),
                "--spring.profiles.active=postgres", "--server.port=" + port,
                // the engine records which node executed each job (history of job logs)
                "--camunda.bpm.generic-properties.properties.hostname=" + name));
        properties.forEach(p -> command.add("--" + p));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SUBSIDE_DB_URL", jdbcUrl);
        builder.environment().put("SUBSIDE_DB_USER", "postgres");
        builder.environment().put("SUBSIDE_DB_PASSWORD", "postgres");
        builder.environment().put("CAMUNDA_BPM_ADMINUSER_ID", ADMIN);
        builder.environment().put("CAMUNDA_BPM_ADMINUSER_PASSWORD", ADMIN_PASSWORD);
        Path log = Path.of("target", "faults", name + "-" + (++runs) + ".log");
        try {
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            long begin = System.nanoTime();
            process = builder.start();
            Wait.until(name + " healthy (see " + log + ")", Duration.ofSeconds(300), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
                }
                return healthy();
            });
            lastStartUp = Duration.ofNanos(System.nanoTime() - begin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    boolean healthy() {
        try {
            HttpResponse<String> health = probe.send(HttpRequest.newBuilder(uri("/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** kill -9: no shutdown hook, no graceful end of requests or transactions. */
    void kill() {
        end(process.destroyForcibly());
    }

    /** An operator's stop: SIGTERM, the application shuts down gracefully. */
    void stop() {
        process.destroy();
        end(process);
    }

    private void end(Process p) {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(name + " did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
