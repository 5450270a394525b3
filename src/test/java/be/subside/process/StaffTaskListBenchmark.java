package be.subside.process;

import be.subside.BasicAuth;
import be.subside.BenchSupport;
import be.subside.BenchSupport.Config;
import be.subside.CamundaWebapps;
import be.subside.CamundaWebapps.Session;
import be.subside.Fixtures;
import be.subside.StaffUsers;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 4 of issue 7: the Tasklist task query of a COCOF staff member, authorization checks on, with many open
 * tasks in the system (the applicants' drafts, and submitted cases waiting for the admissibility check of either
 * administration). What Tasklist itself sends, signed in through the webapps' login as a staff member is: the filter's
 * first page as HAL ({@code POST /camunda/api/engine/engine/default/filter/{id}/list}, {@code application/hal+json},
 * which also counts the filter's tasks and embeds the assignees and process definitions), 15 rows sorted by creation;
 * beside it the filter's count, and the same queries through engine-rest with Basic authentication (an API client),
 * in JSON and in HAL, and the equivalent {@code POST /engine-rest/task}. The database is vacuumed and analysed once
 * the tasks are made. Before timing, it prints the SQL statements each request makes (from the logs), the EXPLAIN of
 * the list and count queries, and the median time of each
 * query alone (JDBC) and of the engine's command around it. Each row gives, per request, the CPU of the application
 * (this JVM less the measuring thread; the HTTP client's selector thread counts with it) and of PostgreSQL (all its
 * processes). Ours, ours with Camunda's own IN list in the grant check (its SQL and EXPLAIN printed too), ours
 * without two of its changes,
 * and the stock engine configuration query the same database. Run:
 * {@code mvn -Pbench verify -Dtest=StaffTaskListBenchmark} ({@code -Dbench.tasks.drafts=8000 -Dbench.tasks.submitted=2000},
 * {@code -Dbench.tasks.queries=400} timed requests each, {@code -Dbench.tasks.stock=false} to skip the stock
 * configuration, {@code -Dbench.tasks.explainOnly=true} to stop after the EXPLAIN, {@code -Dbench.tasks.jfr=DIR} for a
 * flight recording of each of our measurements, {@code -Dbench.tasks.tryIndexes="create index … ;…"} for the EXPLAINs
 * again with candidate indexes, dropped afterwards).
 */
@Tag("bench")
class StaffTaskListBenchmark {

    static final String AGENT = "cocof-agent1";
    static final String PASSWORD = "Tasks-Query-9!";
    static final int QUERIES = Integer.getInteger("bench.tasks.queries", 400);

    @Test
    void taskQueryOfAStaffMember() throws Exception {
        int drafts = Integer.getInteger("bench.tasks.drafts", 8000);
        int submitted = Integer.getInteger("bench.tasks.submitted", 2000);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("config", "query", "open_tasks", "visible_to_agent", "queries", "p50_ms", "p95_ms", "p99_ms",
                "queries_per_s", "p95_ours_over_stock", "app_cpu_ms", "postgres_cpu_ms"));
        String url;
        long open;
        long visible;
        Map<String, double[]> ours = new java.util.LinkedHashMap<>();
        try (ConfigurableApplicationContext context = BenchSupport.start(Config.OURS, false, Map.of())) {
            url = context.getEnvironment().getProperty("spring.datasource.url");
            populate(context, drafts, submitted);
            // the administrators' group with its grants on '*' (one per resource type), which every task's check reads,
            // before the EXPLAIN: it must see the grants the measured requests see
            CamundaWebapps.unknownAdministrator(context.getBean(IdentityService.class),
                    context.getBean(org.camunda.bpm.engine.AuthorizationService.class));
            DataSource data = context.getBean(DataSource.class);
            // as a running system has its tables: autovacuum does not work through the new rows while requests are timed
            BenchSupport.vacuumAnalyze(data);
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
        // ours with Camunda's own IN list in the grant check (AuthorizationJoinIndex's array form off; its index stays,
        // unused by the IN list but for bitmaps): the same database, right after
        try (ConfigurableApplicationContext context = BenchSupport.start(Config.OURS, false, url, Map.of(),
                CamundasJoinForm.class)) {
            explain(context);
            measure(context, "ours, Camunda's IN list in the grant check", open, visible, rows, null, null);
        }
        // ours as it was before AuthorizedGroups and with revokes checked (the generic property that should have
        // turned them off was overridden by the starter): the same database, right after
        try (ConfigurableApplicationContext context = BenchSupport.start(Config.OURS, false, url,
                Map.of("camunda.bpm.authorization.authorization-check-revokes", "auto"), EngineGroupFilter.class)) {
            measure(context, "ours, engine's group filter and revoke check", open, visible, rows, null, null);
        }
        if (Boolean.parseBoolean(System.getProperty("bench.tasks.stock", "true"))) {
            // the same data without what AuthorizationStatistics and AuthorizationJoinIndex added to the database when
            // ours started on it
            try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                    Statement statement = connection.createStatement()) {
                statement.execute("drop statistics if exists " + AuthorizationStatistics.NAME);
                statement.execute("drop index if exists " + AuthorizationJoinIndex.INDEX);
                statement.execute("analyze act_ru_authorization");
            }
            try (ConfigurableApplicationContext context = BenchSupport.start(Config.STOCK, false, url, Map.of())) {
                measure(context, "stock", open, visible, rows, null, ours);
            }
        }
        rows.add(List.of("pgbench", "-c 8 -j 2 -T 20 (tps)", "", "", "", "", "", "", BenchSupport.pgbenchTps(), "", "", ""));
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
        String filterId = agentsFilterId(context);
        HttpClient http = HttpClient.newHttpClient();
        Map<String, HttpRequest> queries = requests(context, http, port, filterId);
        System.out.println("\n== " + config);
        printStatements(http, queries);
        String jfr = System.getProperty("bench.tasks.jfr");
        // warm-up of every request before any is timed: at least 30 times and 5 s each (with 30 each and only then the
        // timing, the first request timed still shared the cores with the JIT: up to 1.8 times the CPU of the same page
        // measured later in the same JVM)
        for (HttpRequest request : queries.values()) {
            long until = System.nanoTime() + 5_000_000_000L;
            for (int i = 0; i < 30 || System.nanoTime() < until; i++) {
                send(http, request);
            }
        }
        int index = 0;
        for (Map.Entry<String, HttpRequest> query : queries.entrySet()) {
            // -Dbench.tasks.jfr=DIR: a flight recording (profile settings) of each measurement of ours, for its stacks
            jdk.jfr.Recording recording = null;
            if (jfr != null && record != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.start();
            }
            Timed timed = Timed.run(() -> send(http, query.getValue()));
            index++;
            if (recording != null) {
                recording.stop();
                java.nio.file.Path file = java.nio.file.Path.of(jfr, "tasklist-" + index + ".jfr");
                java.nio.file.Files.createDirectories(file.getParent());
                recording.dump(file);
                recording.close();
                System.out.println("flight recording of " + query.getKey() + ": " + file);
            }
            double p95 = BenchSupport.percentile(timed.nanos(), 95);
            if (record != null) {
                record.put(query.getKey(), new double[] {p95});
            }
            Object ratio = compare == null || !compare.containsKey(query.getKey()) ? ""
                    : compare.get(query.getKey())[0] / p95;
            // the measuring thread is the HTTP client here, not the application
            rows.add(timed.row(config, query.getKey(), open, visible, ratio, false));
        }
    }

    /** What can be timed: an HTTP request or an engine call. */
    interface Work {
        void run() throws Exception;
    }

    /**
     * {@link #QUERIES} runs of one request, one after the other: their durations (sorted), the wall time, the CPU of
     * this JVM and of PostgreSQL meanwhile, and the CPU of the thread that ran them.
     */
    record Timed(long[] nanos, double seconds, BenchSupport.Cpu cpu, long callerCpuNanos) {

        static Timed run(Work work) throws Exception {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] nanos = new long[QUERIES];
            long callerCpu = threads.getCurrentThreadCpuTime();
            BenchSupport.Cpu before = BenchSupport.Cpu.now();
            long start = System.nanoTime();
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                work.run();
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            BenchSupport.Cpu cpu = BenchSupport.Cpu.now().minus(before);
            callerCpu = threads.getCurrentThreadCpuTime() - callerCpu;
            Arrays.sort(nanos);
            return new Timed(nanos, seconds, cpu, callerCpu);
        }

        /**
         * The table's row; the application's CPU is this JVM's, less the calling thread's unless that thread did the
         * application's work itself (an engine call in the JVM).
         */
        List<Object> row(String config, String query, long open, long visible, Object ratio,
                boolean callerIsApplication) {
            return List.of(config, query, open, visible, QUERIES, BenchSupport.percentile(nanos, 50),
                    BenchSupport.percentile(nanos, 95), BenchSupport.percentile(nanos, 99), QUERIES / seconds, ratio,
                    cpu.applicationMsEach(QUERIES, callerIsApplication ? 0 : callerCpuNanos),
                    cpu.postgresMsEach(QUERIES));
        }
    }

    /**
     * Puts back the engine's own authorization manager (it narrows the user's groups with a scan of all grants in each
     * command), in place of {@link AuthorizedGroups}: not annotated, so that no component scan picks it up.
     */
    static class EngineGroupFilter {

        @org.springframework.context.annotation.Bean
        org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin authorizedGroups() {
            return new org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin() {
            };
        }
    }

    /** Camunda's own form of the grant check's join, in place of {@link AuthorizationJoinIndex}: not annotated. */
    static class CamundasJoinForm {

        @org.springframework.context.annotation.Bean
        org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin authorizationJoinIndex() {
            return new org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin() {
            };
        }
    }

    private static String agentsFilterId(ConfigurableApplicationContext context) {
        return context.getBean(FilterService.class).createTaskFilterQuery()
                .filterName("Dossiers COCOF / Dossiers COCOF").singleResult().getId();
    }

    /**
     * The requests timed, by name: first what Tasklist sends in a signed-in webapp session, then the same through
     * engine-rest with Basic authentication.
     */
    private Map<String, HttpRequest> requests(ConfigurableApplicationContext context, HttpClient http, int port,
            String filterId) throws Exception {
        CamundaWebapps.unknownAdministrator(context.getBean(IdentityService.class),
                context.getBean(org.camunda.bpm.engine.AuthorizationService.class));
        Session session = CamundaWebapps.webappLogin(http, port, AGENT, PASSWORD);
        String sorting = "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]";
        // Tasklist's body for a filter's first page (its taskListQuery), and its Accept header
        String listBody = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
                + "\"firstResult\":0,\"maxResults\":15," + sorting + ",\"active\":true}";
        String hal = "application/hal+json, application/json; q=0.5";
        String webapp = "/camunda/api/engine/engine/default/filter/" + filterId;
        String rest = "/engine-rest/filter/" + filterId;
        Map<String, HttpRequest> queries = new java.util.LinkedHashMap<>();
        queries.put("webapp session: HAL filter list (Tasklist)", session.post(port,
                webapp + "/list?firstResult=0&maxResults=15", hal, listBody));
        queries.put("webapp session: filter count", session.post(port, webapp + "/count", "application/json",
                "{\"active\":true}"));
        queries.put("Basic: HAL filter list", post(port, rest + "/list?firstResult=0&maxResults=15", hal, listBody));
        queries.put("Basic: POST /filter/{id}/list", post(port, rest + "/list?firstResult=0&maxResults=15",
                "application/json", listBody));
        queries.put("Basic: POST /task", post(port, "/engine-rest/task?firstResult=0&maxResults=15",
                "application/json", "{\"candidateGroup\":\"staff-cocof\",\"includeAssignedTasks\":true,"
                        + "\"active\":true," + sorting + "}"));
        queries.put("Basic: POST /filter/{id}/count", post(port, rest + "/count", "application/json",
                "{\"active\":true}"));
        return queries;
    }

    /**
     * Each request once with the statement logs on: how many SQL statements it makes, by kind, and how many rows the
     * webapp's HAL list returns.
     */
    private static void printStatements(HttpClient http, Map<String, HttpRequest> queries) throws Exception {
        System.out.println("\n== SQL statements per request (from the logs)");
        for (Map.Entry<String, HttpRequest> query : queries.entrySet()) {
            send(http, query.getValue());
            String[] body = new String[1];
            Map<String, Integer> statements = BenchSupport.statements(() -> body[0] = send(http, query.getValue()));
            System.out.printf("%s: %s; %d bytes: %s%n", query.getKey(), BenchSupport.describe(statements),
                    body[0].length(), body[0].substring(0, Math.min(160, body[0].length())));
        }
    }

    /**
     * The same task query through the Java API in the application's JVM, signed in as the agent (authorization checks
     * on): the engine and the database without HTTP, authentication and JSON. The filter's page, and its count.
     */
    private void inProcess(ConfigurableApplicationContext context, String config, long open, long visible,
            List<List<Object>> rows) throws Exception {
        IdentityService identity = context.getBean(IdentityService.class);
        FilterService filters = context.getBean(FilterService.class);
        String filterId = agentsFilterId(context);
        Map<String, Runnable> queries = new java.util.LinkedHashMap<>();
        queries.put("TaskService query, first page (in the JVM)", agentsTaskQuery(context));
        queries.put("FilterService count (in the JVM)", () -> filters.count(filterId,
                context.getBean(TaskService.class).createTaskQuery().active()));
        identity.setAuthentication(AGENT, List.of("staff-cocof"));
        try {
            for (Map.Entry<String, Runnable> query : queries.entrySet()) {
                for (int i = 0; i < 30; i++) {
                    query.getValue().run();
                }
                rows.add(Timed.run(query.getValue()::run).row(config, query.getKey(), open, visible, "", true));
            }
        } finally {
            identity.clearAuthentication();
        }
    }

    /**
     * The SQL the engine sends for the agent's filter page and for its count, captured from MyBatis's log, run through
     * {@code EXPLAIN (ANALYZE, BUFFERS)} on the same database and printed.
     */
    private void explain(ConfigurableApplicationContext context) {
        IdentityService identity = context.getBean(IdentityService.class);
        FilterService filters = context.getBean(FilterService.class);
        TaskService tasks = context.getBean(TaskService.class);
        String filterId = agentsFilterId(context);
        identity.setAuthentication(AGENT, List.of("staff-cocof"));
        try {
            explain(context, "selectTaskByQueryCriteria", "the filter's first page",
                    () -> filters.listPage(filterId, tasks.createTaskQuery().active().orderByTaskCreateTime().desc(),
                            0, 15));
            explain(context, "selectTaskCountByQueryCriteria", "the filter's count",
                    () -> filters.count(filterId, tasks.createTaskQuery().active()));
            // -Dbench.tasks.tryIndexes="create index x on …;…": the same EXPLAINs with candidate indexes, then dropped
            String candidates = System.getProperty("bench.tasks.tryIndexes");
            if (candidates != null && !candidates.isBlank()) {
                JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                List<String> created = new ArrayList<>();
                for (String ddl : candidates.split(";")) {
                    jdbc.execute(ddl.strip());
                    created.add(ddl.strip().split("\\s+")[2]);
                    System.out.println("\n== candidate index: " + ddl.strip());
                }
                jdbc.execute("analyze act_ru_identitylink");
                jdbc.execute("analyze act_ru_authorization");
                try {
                    explain(context, "selectTaskByQueryCriteria", "with the candidate indexes, the filter's first page",
                            () -> filters.listPage(filterId, tasks.createTaskQuery().active().orderByTaskCreateTime()
                                    .desc(), 0, 15));
                    explain(context, "selectTaskCountByQueryCriteria", "with the candidate indexes, the filter's count",
                            () -> filters.count(filterId, tasks.createTaskQuery().active()));
                } finally {
                    created.forEach(name -> jdbc.execute("drop index if exists " + name));
                }
            }
        } finally {
            identity.clearAuthentication();
        }
    }

    private void explain(ConfigurableApplicationContext context, String statementId, String what, Runnable query) {
        String literal = StatementLog.capture("TaskEntity." + statementId, query);
        System.out.println("\n== " + what + ": SQL, parameters inlined\n" + literal);
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        System.out.println("\n== " + what + ": EXPLAIN (ANALYZE, BUFFERS)");
        jdbc.queryForList("explain (analyze, buffers) " + literal, String.class).forEach(System.out::println);
        // the same SQL executed alone, and the engine's whole command: where a request's time goes besides the plan
        double[] alone = new double[30];
        double[] command = new double[30];
        for (int i = 0; i < alone.length; i++) {
            long start = System.nanoTime();
            jdbc.queryForList(literal);
            alone[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            query.run();
            command[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(alone);
        Arrays.sort(command);
        System.out.printf("%n== %s: median of 30, the SQL alone (JDBC) %.1f ms, the engine's command %.1f ms%n", what,
                alone[15], command[15]);
    }

    /** The agent's first page of tasks, as Tasklist asks for it; run it signed in as the agent. */
    private static Runnable agentsTaskQuery(ConfigurableApplicationContext context) {
        TaskService tasks = context.getBean(TaskService.class);
        return () -> tasks.createTaskQuery().taskCandidateGroup("staff-cocof").includeAssignedTasks().active()
                .orderByTaskCreateTime().desc().listPage(0, 15);
    }

    private static HttpRequest post(int port, String path, String accept, String json) {
        return BasicAuth.request(port, path, AGENT, PASSWORD).header("Content-Type", "application/json")
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
