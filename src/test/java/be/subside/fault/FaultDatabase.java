package be.subside.fault;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL 17 server of its own for one fault test, which the test may stop and start again under the running
 * application: same port, same data directory. Commits are synchronous (the embedded default is not), as in production.
 */
final class FaultDatabase implements AutoCloseable {

    static final String NAME = "subside";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    FaultDatabase() {
        try {
            dataDirectory = Files.createTempDirectory("subside-fault-pg");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database", e);
        }
    }

    /** Starts the server on its port and data directory (created the first time, kept afterwards). */
    synchronized void start() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).setServerConfig("max_connections", "200")
                    .setServerConfig("synchronous_commit", "on").setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL", e);
        }
    }

    /** Stops the server ("fast": open connections are cut, as when the database is restarted by its operator). */
    synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + NAME;
    }

    /** A plain data source for the test's own checks (no pool: each check opens its connection). */
    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(NAME);
        ds.setUser("postgres");
        ds.setPassword("postgres");
        return ds;
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
