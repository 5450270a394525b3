package be.subside.process;

import be.subside.BasicAuth;
import be.subside.BenchSupport;
import be.subside.BenchSupport.Config;
import be.subside.Fixtures;
import be.subside.StaffUsers;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 4 of issue 7: the Tasklist task query of a COCOF staff member, authorization checks on, with many open
 * tasks in the system (the applicants' drafts, and submitted cases waiting for the admissibility check of either
 * administration). Both the filter query Tasklist sends ({@code POST /engine-rest/filter/{id}/list}) and the
 * equivalent {@code POST /engine-rest/task}, 15 rows sorted by creation, over HTTP with Basic authentication. Ours and
 * the stock engine configuration query the same database. Run:
 * {@code mvn -Pbench verify -Dtest=StaffTaskListBenchmark} ({@code -Dbench.tasks.drafts=8000 -Dbench.tasks.submitted=2000}).
 */
@Tag("bench")
class StaffTaskListBenchmark {

    static final String AGENT = "cocof-agent1";
    static final String PASSWORD = "Tasks-Query-9!";
    static final int QUERIES = 400;

    @Test
    void taskQueryOfAStaffMember() throws Exception {
        int drafts = Integer.getInteger("bench.tasks.drafts", 8000);
        int submitted = Integer.getInteger("bench.tasks.submitted", 2000);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("config", "query", "open_tasks", "visible_to_agent", "queries", "p50_ms", "p95_ms", "p99_ms",
                "queries_per_s", "p95_ours_over_stock"));
        String url;
        long open;
        long visible;
        Map<String, double[]> ours = new java.util.LinkedHashMap<>();
        try (ConfigurableApplicationContext context = BenchSupport.start(Config.OURS, false, Map.of())) {
            url = context.getEnvironment().getProperty("spring.datasource.url");
            populate(context, drafts, submitted);
            DataSource data = context.getBean(DataSource.class);
            open = BenchSupport.count(data, "select count(*) from act_ru_task");
            visible = BenchSupport.count(data, "select count(*) from act_ru_task t join act_ru_identitylink l on "
                    + "l.task_id_ = t.id_ where l.group_id_ = 'staff-cocof'");
            explain(context);
            if (Boolean.getBoolean("bench.tasks.explainOnly")) {
                return;
            }
            measure(context, "ours", open, visible, rows, ours, null);
            inProcess(context, "ours", open, visible, rows);
        }
        try (ConfigurableApplicationContext context = BenchSupport.start(Config.STOCK, false, url, Map.of())) {
            measure(context, "stock", open, visible, rows, null, ours);
        }
        rows.add(List.of("pgbench", "-c 8 -j 2 -T 20 (tps)", "", "", "", "", "", "", BenchSupport.pgbenchTps(), ""));
        BenchSupport.report("staff task list: Tasklist's task query, authorization checks on", "staff-task-list.csv",
                rows);
    }

    private void populate(ConfigurableApplicationContext context, int drafts, int submitted) throws Exception {
        Fixtures fixtures = context.getBean(Fixtures.class);
        ApplicationService applications = context.getBean(ApplicationService.class);
        StaffUsers.ensure(context.getBean(IdentityService.class), AGENT, "staff-cocof", PASSWORD);
        Fixtures.setClock(Fixtures.START);
        long start = System.nanoTime();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Organisation partner = fixtures.organisation(Administration.COCOM);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    // a call per thread: drafts of one call take turns on its reference counter
                    Call call = fixtures.openCall();
                    List<Organisation> leads = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        Organisation lead = fixtures.organisation(i % 2 == 0 ? Administration.COCOF : Administration.COCOM);
                        leads.add(lead);
                    }
                    for (int i = thread; i < drafts; i += threads) {
                        Organisation lead = leads.get(i % leads.size());
                        applications.startDraft(call.getCode(), lead.getId(), Fixtures.user(lead));
                    }
                    for (int i = thread; i < submitted; i += threads) {
                        fixtures.submitted(call, leads.get(i % leads.size()), partner, "45000");
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
            Fixtures.resetClock();
        }
        System.out.printf("%d drafts and %d submitted cases made in %.0f s%n", drafts, submitted,
                (System.nanoTime() - start) / 1e9);
    }

    private void measure(ConfigurableApplicationContext context, String config, long open, long visible,
            List<List<Object>> rows, Map<String, double[]> record, Map<String, double[]> compare) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String filterId = context.getBean(FilterService.class).createTaskFilterQuery()
                .filterName("Dossiers COCOF / Dossiers COCOF").singleResult().getId();
        HttpClient http = HttpClient.newHttpClient();
        String sorting = "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]";
        Map<String, HttpRequest> queries = new java.util.LinkedHashMap<>();
        queries.put("POST /filter/{id}/list", post(port, "/engine-rest/filter/" + filterId
                + "/list?firstResult=0&maxResults=15", "{\"processVariables\":[],\"taskVariables\":[],"
                + "\"caseInstanceVariables\":[],\"active\":true," + sorting + "}"));
        queries.put("POST /task", post(port, "/engine-rest/task?firstResult=0&maxResults=15",
                "{\"candidateGroup\":\"staff-cocof\",\"includeAssignedTasks\":true,\"active\":true," + sorting + "}"));
        queries.put("POST /filter/{id}/count", post(port, "/engine-rest/filter/" + filterId + "/count",
                "{\"active\":true}"));
        for (Map.Entry<String, HttpRequest> query : queries.entrySet()) {
            for (int i = 0; i < 30; i++) {
                send(http, query.getValue());
            }
            long[] nanos = new long[QUERIES];
            long start = System.nanoTime();
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                send(http, query.getValue());
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            double p95 = BenchSupport.percentile(nanos, 95);
            if (record != null) {
                record.put(query.getKey(), new double[] {p95});
            }
            Object ratio = compare == null ? "" : compare.get(query.getKey())[0] / p95;
            rows.add(List.of(config, query.getKey(), open, visible, QUERIES, BenchSupport.percentile(nanos, 50), p95,
                    BenchSupport.percentile(nanos, 99), QUERIES / seconds, ratio));
        }
    }

    /**
     * The same task query through the Java API in the application's JVM, signed in as the agent (authorization checks
     * on): the engine and the database without HTTP, Basic authentication and JSON.
     */
    private void inProcess(ConfigurableApplicationContext context, String config, long open, long visible,
            List<List<Object>> rows) {
        IdentityService identity = context.getBean(IdentityService.class);
        Runnable query = agentsTaskQuery(context);
        identity.setAuthentication(AGENT, List.of("staff-cocof"));
        try {
            for (int i = 0; i < 30; i++) {
                query.run();
            }
            long[] nanos = new long[QUERIES];
            long start = System.nanoTime();
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                query.run();
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            rows.add(List.of(config, "TaskService query (in the JVM)", open, visible, QUERIES,
                    BenchSupport.percentile(nanos, 50), BenchSupport.percentile(nanos, 95),
                    BenchSupport.percentile(nanos, 99), QUERIES / seconds, ""));

        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * The SQL the engine sends for the agent's task query, captured from MyBatis's log, run through
     * {@code EXPLAIN (ANALYZE, BUFFERS)} on the same database and printed.
     */
    private void explain(ConfigurableApplicationContext context) {
        IdentityService identity = context.getBean(IdentityService.class);
        Runnable query = agentsTaskQuery(context);
        identity.setAuthentication(AGENT, List.of("staff-cocof"));
        try {
            Logger statement = (Logger) LoggerFactory.getLogger(
                    "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria");
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            Level level = statement.getLevel();
            statement.setLevel(Level.DEBUG);
            statement.addAppender(captured);
            try {
                query.run();
            } finally {
                statement.detachAppender(captured);
                statement.setLevel(level);
            }
            String sql = null;
            String parameters = null;
            for (ILoggingEvent event : captured.list) {
                String message = event.getFormattedMessage();
                if (message.contains("Preparing:")) {
                    sql = message.substring(message.indexOf("Preparing:") + "Preparing:".length()).strip();
                } else if (message.contains("Parameters:")) {
                    parameters = message.substring(message.indexOf("Parameters:") + "Parameters:".length()).strip();
                }
            }
            if (sql == null) {
                throw new IllegalStateException("task query SQL not captured (MyBatis logging not on SLF4J?)");
            }
            String literal = inline(sql, parameters);
            System.out.println("\n== the task query's SQL, parameters inlined\n" + literal);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            System.out.println("\n== EXPLAIN (ANALYZE, BUFFERS)");
            jdbc.queryForList("explain (analyze, buffers) " + literal, String.class).forEach(System.out::println);
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The agent's first page of tasks, as Tasklist asks for it; run it signed in as the agent. */
    private static Runnable agentsTaskQuery(ConfigurableApplicationContext context) {
        TaskService tasks = context.getBean(TaskService.class);
        return () -> tasks.createTaskQuery().taskCandidateGroup("staff-cocof").includeAssignedTasks().active()
                .orderByTaskCreateTime().desc().listPage(0, 15);
    }

    /** Puts MyBatis's logged parameters ("a(String), 3(Integer), null") in place of the statement's placeholders. */
    static String inline(String sql, String parameters) {
        List<String> values = new ArrayList<>();
        if (parameters != null && !parameters.isEmpty()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*?)\\((\\w+)\\)(?:, |$)|null(?:, |$)")
                    .matcher(parameters);
            while (m.find()) {
                if (m.group(2) == null) {
                    values.add("null");
                } else if (m.group(2).equals("String") || m.group(2).equals("Timestamp")) {
                    values.add("'" + m.group(1).replace("'", "''") + "'");
                } else {
                    values.add(m.group(1));
                }
            }
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?' && next < values.size()) {
                out.append(values.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static HttpRequest post(int port, String path, String json) {
        return BasicAuth.request(port, path, AGENT, PASSWORD).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
