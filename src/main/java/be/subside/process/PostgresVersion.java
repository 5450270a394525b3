package be.subside.process;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the application's database is PostgreSQL of a given version or later, for tuning that needs it. */
final class PostgresVersion {

    private static final Logger log = LoggerFactory.getLogger(PostgresVersion.class);

    private PostgresVersion() {
    }

    /** True on PostgreSQL {@code major} or later; false elsewhere, and (logged) when the database cannot be asked. */
    static boolean atLeast(DataSource dataSource, int major, String forWhat) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return "PostgreSQL".equals(meta.getDatabaseProductName()) && meta.getDatabaseMajorVersion() >= major;
        } catch (SQLException e) {
            log.warn("Database not identified; no {}", forWhat, e);
            return false;
        }
    }
}
