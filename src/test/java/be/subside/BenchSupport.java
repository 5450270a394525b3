package be.subside;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the deadline benchmarks share: the machine they ran on, the application started on a database of its own of
 * the embedded PostgreSQL server in one of two configurations (ours, or Camunda's Spring Boot starter as it comes),
 * the server's own bound measured by pgbench, and a table printed and written as CSV.
 */
public final class BenchSupport {

    /** The two configurations every benchmark compares on the same models and data. */
    public enum Config {
        /** The application as it ships: application.yml, with the engine and pool settings it chooses. */
        OURS,
        /**
         * The Camunda Spring Boot starter's defaults for what the benchmarks measure: job executor (3 jobs per
         * acquisition, pool 3..10, queue 3), history level full, Hikari's default pool (10), and none of our
         * engine-level tuning.
         */
        STOCK
    }

    private static int databases;
    private static Double pgbenchTps;

    private BenchSupport() {
    }

    /** Cores, memory and the JVM, as one line. */
    public static String machine() {
        Runtime runtime = Runtime.getRuntime();
        long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "machine: %d cores, %d GiB RAM, JVM max heap %d MiB, Java %s, PostgreSQL 17 "
                + "(embedded, loopback)", runtime.availableProcessors(), Math.round(physical / (1024.0 * 1024 * 1024)),
                runtime.maxMemory() >> 20, System.getProperty("java.version"));
    }

    /**
     * Starts the whole application on a new database of the embedded server. The job executor runs when
     * {@code jobExecutor} is true; extra properties come last and win.
     */
    public static ConfigurableApplicationContext start(Config config, boolean jobExecutor, Map<String, Object> extra) {
        String name;
        synchronized (BenchSupport.class) {
            name = "bench_" + config.name().toLowerCase(Locale.ROOT) + "_" + (++databases) + "_" + ProcessHandle.current().pid();
        }
        return start(config, jobExecutor, EmbeddedDatabase.newDatabase(name), extra);
    }

    /** The application on an existing database (a second context on the same data). */
    public static ConfigurableApplicationContext start(Config config, boolean jobExecutor, String url,
            Map<String, Object> extra) {
        return start(config, jobExecutor, url, extra, new Class<?>[0]);
    }

    /**
     * The application on an existing database, with more sources: unannotated classes whose beans replace the
     * application's beans of the same name (to time a variant without one of our settings in the same run).
     */
    public static ConfigurableApplicationContext start(Config config, boolean jobExecutor, String url,
            Map<String, Object> extra, Class<?>... sources) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("server.port", "0");
        properties.put("camunda.bpm.job-execution.enabled", Boolean.toString(jobExecutor));
        properties.put("logging.level.org.camunda.bpm.engine.jobexecutor", "error");
        properties.put("logging.level.org.camunda.bpm.engine.cmd", "error");
        // the application's default, not the test profile's three drafts per closing batch
        properties.put("subside.closure.batch-size", "1000");
        if (config == Config.STOCK) {
            stock(properties);
        } else {
            // as the postgres profile sets it (application-postgres.yml)
            properties.put("spring.datasource.hikari.data-source-properties.options",
                    "-c random_page_cost=1.1");
        }
        properties.putAll(extra);
        // as command-line arguments: they win over application.yml, where default properties would not
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        if (sources.length > 0) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--spring.main.allow-bean-definition-overriding=true"))
                    .toArray(String[]::new);
        }
        return new SpringApplicationBuilder(SubsideApplication.class).sources(sources).profiles("test").run(args);
    }

    /** Camunda's Spring Boot starter defaults in place of what application.yml and our profiles tune. */
    private static void stock(Map<String, Object> p) {
        p.put("camunda.bpm.history-level", "full");
        p.put("camunda.bpm.job-execution.core-pool-size", "3");
        p.put("camunda.bpm.job-execution.max-pool-size", "10");
        p.put("camunda.bpm.job-execution.queue-capacity", "3");
        p.put("camunda.bpm.job-execution.max-jobs-per-acquisition", "3");
        p.put("camunda.bpm.job-execution.wait-time-in-millis", "5000");
        p.put("camunda.bpm.job-execution.max-wait", "60000");
        p.put("camunda.bpm.job-execution.lock-time-in-millis", "300000");
        p.put("camunda.bpm.authorization.authorization-check-revokes", "auto");
        p.put("camunda.bpm.generic-properties.properties.invocationsPerBatchJob", "1");
        p.put("spring.datasource.hikari.maximum-pool-size", "10");
        // nor our engine tuning (authorization groups, task query plans, statistics on the grants)
        p.put("subside.engine.tuning.enabled", "false");
    }

    /**
     * TPC-B-like transactions per second of the embedded server: {@code pgbench -i} then 8 clients, 2 threads, 20 s,
     * on a database of its own. Measured once per JVM.
     */
    public static synchronized double pgbenchTps() {
        if (pgbenchTps != null) {
            return pgbenchTps;
        }
        String url = EmbeddedDatabase.newDatabase("pgbench_" + ProcessHandle.current().pid());
        int port = EmbeddedDatabase.server().getPort();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        run(List.of("pgbench", "-i", "-q", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", database));
        String out = run(List.of("pgbench", "-c", "8", "-j", "2", "-T", "20", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", "postgres", database));
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no tps:\n" + out);
        }
        pgbenchTps = Double.parseDouble(tps.group(1));
        return pgbenchTps;
    }

    private static String run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", "postgres");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * CPU time used so far, in nanoseconds, by this JVM and by the embedded PostgreSQL server (its postmaster, its live
     * processes, and the processes it has reaped), read from {@code /proc}. The difference of two readings is the CPU a
     * piece of work cost both sides, whatever else ran on the machine meanwhile.
     */
    public record Cpu(long jvmNanos, long postgresNanos) {

        public static Cpu now() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long postmaster;
            try (Connection c = EmbeddedDatabase.server().getPostgresDatabase().getConnection();
                    Statement s = c.createStatement(); ResultSet r = s.executeQuery("select pg_backend_pid()")) {
                r.next();
                postmaster = Long.parseLong(procStat(r.getLong(1))[3]);
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("Cannot find the PostgreSQL server's processes", e);
            }
            long ticks = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path dir : processes.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    long pid = Long.parseLong(dir.getFileName().toString());
                    try {
                        String[] f = procStat(pid);
                        if (pid == postmaster) {
                            // utime, stime and the reaped children's cutime, cstime
                            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]) + Long.parseLong(f[15])
                                    + Long.parseLong(f[16]);
                        } else if (Long.parseLong(f[3]) == postmaster) {
                            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        }
                    } catch (IOException gone) {
                        // the process ended between the listing and the read
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // clock ticks of 10 ms (getconf CLK_TCK = 100 on Linux)
            return new Cpu(jvm, ticks * 10_000_000L);
        }

        /** The fields of /proc/PID/stat, the command name (which may hold spaces) replaced by one field. */
        private static String[] procStat(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return (pid + " x " + stat.substring(stat.lastIndexOf(')') + 2)).split(" ");
        }

        public Cpu minus(Cpu before) {
            return new Cpu(jvmNanos - before.jvmNanos, postgresNanos - before.postgresNanos);
        }

        /** This JVM's CPU per piece of work, in ms, less {@code notTheApplicationNanos} (a load generator's threads). */
        public double applicationMsEach(long count, long notTheApplicationNanos) {
            return (jvmNanos - notTheApplicationNanos) / 1e6 / count;
        }

        /** PostgreSQL's CPU per piece of work, in ms. */
        public double postgresMsEach(long count) {
            return postgresNanos / 1e6 / count;
        }
    }

    /**
     * What these loggers (and their children) log at DEBUG while {@code work} runs, on any thread; captured, not
     * printed. Their levels and additivity are put back afterwards.
     */
    public static List<ILoggingEvent> logged(java.util.concurrent.Callable<?> work, String... loggers) throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Map<Logger, Level> levels = new LinkedHashMap<>();
        Map<Logger, Boolean> additive = new LinkedHashMap<>();
        for (String name : loggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            additive.put(logger, logger.isAdditive());
            logger.setLevel(Level.DEBUG);
            logger.addAppender(captured);
            logger.setAdditive(false);
        }
        try {
            work.call();
        } finally {
            levels.forEach((logger, level) -> {
                logger.detachAppender(captured);
                logger.setAdditive(additive.get(logger));
                logger.setLevel(level);
            });
        }
        return captured.list;
    }

    /**
     * The SQL statements that some work makes, counted by kind from the logs: the engine's by MyBatis mapper statement
     * ({@code engine TaskEntity.insertTask}), ours by verb and table ({@code jpa insert audit_event}, {@code jdbc ...}).
     * Every statement logged in this JVM while {@code work} runs counts, on any thread: run it alone.
     */
    public static Map<String, Integer> statements(java.util.concurrent.Callable<?> work) throws Exception {
        List<ILoggingEvent> logged = logged(work, "org.camunda.bpm.engine.impl", "org.hibernate.SQL",
                "org.springframework.jdbc.core.JdbcTemplate");
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (ILoggingEvent event : logged) {
            String name = event.getLoggerName();
            String message = event.getFormattedMessage();
            String kind = null;
            if (name.startsWith("org.camunda") && message.contains("Preparing:")) {
                kind = "engine " + name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            } else if (name.equals("org.hibernate.SQL")) {
                kind = "jpa " + verbAndTable(message);
            } else if (name.startsWith("org.springframework.jdbc")
                    && message.matches("(?s)Executing (prepared )?SQL statement \\[.*")) {
                kind = "jdbc " + verbAndTable(message.substring(message.indexOf('[') + 1));
            }
            if (kind != null) {
                counts.merge(kind, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static final Pattern TABLE = Pattern.compile(
            "^\\s*(select|insert|update|delete)\\b.*?\\b(?:from|into|update)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static String verbAndTable(String sql) {
        String flat = sql.strip();
        if (flat.regionMatches(true, 0, "update", 0, 6)) {
            return "update " + flat.split("\\s+")[1];
        }
        Matcher m = TABLE.matcher(flat);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) + " " + m.group(2) : flat.split("\\s+")[0];
    }

    /** {@link #statements} as one line: the total, then each kind with its count. */
    public static String describe(Map<String, Integer> statements) {
        return statements.values().stream().mapToInt(Integer::intValue).sum() + " statements: " + statements;
    }

    /**
     * Vacuums and analyses the whole database, as a system that has been running for weeks has it before a deadline:
     * without this, autovacuum works through the set-up's rows during the measurement, and the planner may still
     * see tables as empty that the set-up has just filled.
     */
    public static void vacuumAnalyze(javax.sql.DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        } catch (SQLException e) {
            throw new IllegalStateException("vacuum analyze", e);
        }
    }

    /** One number of a query on the given database. */
    public static long count(javax.sql.DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A table of rows (the first is the header): printed with a title, written to target/bench/{file}. */
    public static void report(String title, String file, List<List<Object>> rows) {
        List<String> csv = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%n== %s%n%s%n", title, machine()));
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> line = row.stream().map(BenchSupport::cell).toList();
            cells.add(line);
            csv.add(String.join(",", line));
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            for (int i = 0; i < columns; i++) {
                table.append(String.format("%-" + (widths[i] + 2) + "s", line.get(i)));
            }
            table.append('\n');
        }
        System.out.print(table);
        try {
            Path out = Path.of("target", "bench", file);
            Files.createDirectories(out.getParent());
            Files.write(out, csv);
            Files.writeString(Path.of("target", "bench", file.replace(".csv", ".txt")), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(Object value) {
        if (value instanceof Double d) {
            return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(value);
    }

    /** The p-th percentile, in milliseconds, of sorted nanosecond latencies. */
    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1e6;
    }
}
