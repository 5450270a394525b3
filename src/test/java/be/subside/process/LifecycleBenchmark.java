package be.subside.process;

import be.subside.BenchSupport;
import be.subside.BenchSupport.Config;
import be.subside.Fixtures;
import be.subside.application.ApplicationService;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 3 of issue 7: N applications of one call through both stages, every task completed through the engine's
 * TaskService as the tests' Fixtures do (draft with statutes, submission, admissibility, eligibility, evaluator
 * assignment and declaration, evaluation, stage-1 deadline, the committee's selection of all (calls of 250 cases by
 * default: claim, save on the selection page, decide), subsidy request,
 * analysis, four-eyes decision, stage-2 deadline). Prints each step's throughput, then the rows and bytes each closed
 * case left in PostgreSQL per group of tables, to project a call of 100,000. Ours and stock, then pgbench. Run:
 * {@code mvn -Pbench verify -Dtest=LifecycleBenchmark} ({@code -Dbench.lifecycle.cases=500},
 * {@code -Dbench.lifecycle.cases-per-call=250}).
 */
@Tag("bench")
class LifecycleBenchmark {

    static final int THREADS = 2;
    static final int CASES_PER_CALL = Integer.getInteger("bench.lifecycle.cases-per-call", 250);

    private static String callInstance(RuntimeService runtime, Call call) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(call.getCode()).singleResult().getId();
    }

    @Test
    void applicationsThroughBothStages() throws Exception {
        int n = Integer.getInteger("bench.lifecycle.cases", 500);
        Map<Config, Map<String, Double>> seconds = new LinkedHashMap<>();
        Map<Config, Map<String, long[]>> storage = new LinkedHashMap<>();
        for (Config config : List.of(Config.STOCK, Config.OURS)) {
            try (ConfigurableApplicationContext context = BenchSupport.start(config, false, Map.of())) {
                DataSource data = context.getBean(DataSource.class);
                Map<String, long[]> before = sizes(data);
                seconds.put(config, run(context, n));
                Map<String, long[]> after = sizes(data);
                Map<String, long[]> delta = new TreeMap<>();
                after.forEach((group, v) -> {
                    long[] b = before.getOrDefault(group, new long[2]);
                    delta.put(group, new long[] {v[0] - b[0], v[1] - b[1]});
                });
                storage.put(config, delta);
            }
        }
        double tps = BenchSupport.pgbenchTps();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("step", "cases", "stock_s", "stock_per_s", "ours_s", "ours_per_s", "ours_over_stock_rate",
                "ours_per_pgbench_tps"));
        double stockTotal = 0;
        double oursTotal = 0;
        for (String step : seconds.get(Config.OURS).keySet()) {
            double s = seconds.get(Config.STOCK).get(step);
            double o = seconds.get(Config.OURS).get(step);
            int cases = step.startsWith("calls' ") ? (n + CASES_PER_CALL - 1) / CASES_PER_CALL : n;
            stockTotal += s;
            oursTotal += o;
            rows.add(List.of(step, cases, s, cases / s, o, cases / o, s / o, cases / o / tps));
        }
        rows.add(List.of("total", n, stockTotal, n / stockTotal, oursTotal, n / oursTotal, stockTotal / oursTotal,
                n / oursTotal / tps));
        rows.add(List.of("pgbench -c 8 -j 2 -T 20 (tps)", "", "", "", "", tps, "", 1.0));
        BenchSupport.report("lifecycle: " + n + " applications through both stages (" + THREADS + " threads a step)",
                "lifecycle.csv", rows);

        List<List<Object>> bytes = new ArrayList<>();
        bytes.add(List.of("tables", "stock_rows_per_case", "stock_bytes_per_case", "ours_rows_per_case",
                "ours_bytes_per_case", "ours_GiB_for_100000_cases"));
        for (String group : storage.get(Config.OURS).keySet()) {
            long[] s = storage.get(Config.STOCK).getOrDefault(group, new long[2]);
            long[] o = storage.get(Config.OURS).get(group);
            bytes.add(List.of(group, (double) s[0] / n, (double) s[1] / n, (double) o[0] / n, (double) o[1] / n,
                    o[1] * 100_000.0 / n / (1L << 30)));
        }
        BenchSupport.report("lifecycle: rows and bytes (pg_total_relation_size, with indexes and TOAST) per closed case",
                "lifecycle-storage.csv", bytes);
    }

    /** Rows and bytes of each group of tables: Camunda history, runtime, other ACT_ tables, and ours. */
    private static Map<String, long[]> sizes(DataSource data) throws Exception {
        Map<String, long[]> groups = new TreeMap<>();
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                String lower = table.toLowerCase();
                String group = lower.startsWith("act_hi_") ? "camunda history (act_hi_*)"
                        : lower.startsWith("act_ru_") ? "camunda runtime (act_ru_*)"
                        : lower.startsWith("act_ge_") ? "camunda bytes (act_ge_*)"
                        : lower.startsWith("act_") ? "camunda other (act_*)"
                        : lower.startsWith("document") ? "ours: documents"
                        : lower.startsWith("flyway") ? "flyway" : "ours: cases, audit, outbox";
                try (ResultSet r = s.executeQuery("select count(*), pg_total_relation_size('\"" + table + "\"') from \""
                        + table + "\"")) {
                    r.next();
                    long[] g = groups.computeIfAbsent(group, k -> new long[2]);
                    g[0] += r.getLong(1);
                    g[1] += r.getLong(2);
                }
            }
        }
        long[] total = new long[2];
        groups.values().forEach(v -> {
            total[0] += v[0];
            total[1] += v[1];
        });
        groups.put("~ all tables", total);
        return groups;
    }

    interface Step {
        void on(int i) throws Exception;
    }

    private Map<String, Double> run(ConfigurableApplicationContext context, int n) throws Exception {
        Fixtures fixtures = context.getBean(Fixtures.class);
        ApplicationService applications = context.getBean(ApplicationService.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        ManagementService management = context.getBean(ManagementService.class);
        Map<String, Double> seconds = new LinkedHashMap<>();
        Fixtures.setClock(Fixtures.START);
        try {
            // calls of CASES_PER_CALL cases (the ranking and the selection are in our tables: a call may be large)
            int callCount = (n + CASES_PER_CALL - 1) / CASES_PER_CALL;
            List<Call> calls = new ArrayList<>();
            for (int c = 0; c < callCount; c++) {
                calls.add(fixtures.openCall(new BigDecimal(CASES_PER_CALL).multiply(new BigDecimal("100000"))));
            }
            Organisation partner = fixtures.organisation(Administration.COCOM);
            List<Organisation> leads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                leads.add(fixtures.organisation(i % 2 == 0 ? Administration.COCOF : Administration.COCOM));
            }
            String[] references = new String[n];
            String[] agents = new String[n];
            // drafts take their reference from their call's counter, one at a time
            time(seconds, "draft + statutes uploaded", n, 1, i -> {
                Organisation lead = leads.get(i % leads.size());
                references[i] = fixtures.draft(calls.get(i / CASES_PER_CALL), lead).getReference();
                agents[i] = lead.getCompetentAdministration() == Administration.COCOF ? "cocof-agent" : "cocom-agent";
            });
            time(seconds, "stage 1 submitted (receipt, mail)", n, THREADS, i -> applications.submitStage1(references[i],
                    Fixtures.user(leads.get(i % leads.size())), Fixtures.stage1(partner, "80000")));
            time(seconds, "admissibility checked", n, THREADS, i -> fixtures.staff(references[i],
                    "Task_CheckAdmissibility", agents[i] + "1", Map.of("admissibilityDecision", "ADMISSIBLE")));
            time(seconds, "eligibility checked", n, THREADS, i -> fixtures.staff(references[i], "Task_CheckEligibility",
                    agents[i] + "1", Map.of("eligibilityDecision", "ELIGIBLE")));
            // the assignment picks the evaluator with the fewest cases waiting: one at a time, as one job executor
            time(seconds, "evaluator assigned, declared, evaluated", n, 1, i -> fixtures.evaluated(references[i], 15));
            time(seconds, "calls' stage-1 deadline", callCount, 1, c -> fixtures.passStage1Deadline(calls.get(c)));
            // claim (the proposal is saved), the selection of all saved as the page saves it, the task completed
            time(seconds, "calls' selection of all (committee)", callCount, 1, c -> fixtures.decideSelection(calls.get(c),
                    Arrays.asList(references).subList(c * CASES_PER_CALL, Math.min(n, (c + 1) * CASES_PER_CALL))));
            time(seconds, "stage 2 submitted (receipt, mail)", n, THREADS, i -> fixtures.submitStage2(references[i],
                    leads.get(i % leads.size()), "80000"));
            time(seconds, "subsidy request analysed", n, THREADS, i -> fixtures.staff(references[i],
                    "Task_AnalyseSubsidyRequest", agents[i] + "1", Map.of("analysisOpinion", "FAVOURABLE",
                            "proposedAmount", 75000, "analysisReport", "Budget cohérent ; dossier complet et réaliste.")));
            time(seconds, "grant decided (four eyes)", n, THREADS, i -> fixtures.staff(references[i], "Task_DecideGrant",
                    agents[i] + "2", Map.of("grantDecision", "GRANTED", "grantedAmount", 75000, "grantConditions",
                            "Rapport d'activité annuel.", "grantMotivation",
                            "Projet conforme à l'appel ; montant ajusté selon l'analyse.")));
            Fixtures.setClock(Fixtures.STAGE2_DEADLINE);
            time(seconds, "calls' stage-2 deadline", callCount, 1, c -> management.executeJob(management.createJobQuery()
                    .processInstanceId(callInstance(runtime, calls.get(c))).singleResult().getId()));
            long open = runtime.createProcessInstanceQuery().processDefinitionKey("GrantApplicationProcess").count();
            org.assertj.core.api.Assertions.assertThat(open).as("every case ended").isZero();
        } finally {
            Fixtures.resetClock();
        }
        return seconds;
    }

    private static void time(Map<String, Double> seconds, String step, int n, int threads, Step work) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                running.add(pool.submit(() -> {
                    for (int i = first; i < n; i += threads) {
                        work.on(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        seconds.put(step, (System.nanoTime() - start) / 1e9);
        System.out.printf("%s: %d in %.1f s%n", step, n, seconds.get(step));
    }
}
