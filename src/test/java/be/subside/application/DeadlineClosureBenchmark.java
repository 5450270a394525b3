package be.subside.application;

import be.subside.BenchSupport;
import be.subside.BenchSupport.Config;
import be.subside.Fixtures;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 1 of issue 7: N open drafts whose stage-1 deadline has just passed. Measured from the moment the job
 * executor starts with the clock past the deadline: first until every draft is DRAFT_EXPIRED, has its DRAFT_CLOSED
 * mail in the outbox and its DRAFT_EXPIRED audit entry (the call's timer, then its closing batches); then until every
 * draft's process has ended too (the Camunda batch correlating Stage1Closed). Ours and the stock configuration on the
 * same models and data, then pgbench on the same server. Run: {@code mvn -Pbench verify -Dtest=DeadlineClosureBenchmark}
 * ({@code -Dbench.closure.sizes=1000,10000} by default). Asserts only that every draft closed exactly once.
 */
@Tag("bench")
class DeadlineClosureBenchmark {

    static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void closeDraftsAtTheDeadline() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.closure.sizes", "1000,10000").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("config", "drafts", "seconds", "closures_per_s", "closed", "mails", "audits",
                "ours_over_stock_speed", "closures_per_pgbench_tps", "processes_ended_s"));
        for (int n : sizes) {
            Result stock = measure(Config.STOCK, n);
            Result ours = measure(Config.OURS, n);
            double tps = BenchSupport.pgbenchTps();
            rows.add(List.of("stock", n, stock.seconds(), stock.rate(), stock.closed(), stock.mails(), stock.audits(),
                    1.0, stock.rate() / tps, stock.endedSeconds()));
            rows.add(List.of("ours", n, ours.seconds(), ours.rate(), ours.closed(), ours.mails(), ours.audits(),
                    ours.rate() / stock.rate(), ours.rate() / tps, ours.endedSeconds()));
            org.assertj.core.api.Assertions.assertThat(List.of(ours.closed(), ours.mails(), ours.audits(),
                    stock.closed(), stock.mails(), stock.audits())).as("each draft closed once, one mail, one audit")
                    .containsOnly((long) n);
        }
        rows.add(List.of("pgbench", "-c 8 -j 2 -T 20", "20", BenchSupport.pgbenchTps(), "", "", "", "", 1.0, ""));
        BenchSupport.report("deadline closure: open drafts closed after the stage-1 deadline (rate = tps)",
                "deadline-closure.csv", rows);
    }

    record Result(double seconds, long closed, long mails, long audits, double endedSeconds) {
        double rate() {
            return closed / seconds;
        }
    }

    /** Drafts of one call take their reference from the call's counter: a parallel start may have to try again. */
    static Application startDraft(ApplicationService applications, Call call, Organisation lead) {
        for (int attempt = 1;; attempt++) {
            try {
                return applications.startDraft(call.getCode(), lead.getId(), Fixtures.user(lead));
            } catch (org.springframework.dao.OptimisticLockingFailureException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    private Result measure(Config config, int n) throws Exception {
        try (ConfigurableApplicationContext context = BenchSupport.start(config, true, Map.of())) {
            JobExecutor executor = context.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor();
            executor.shutdown();
            Fixtures fixtures = context.getBean(Fixtures.class);
            ApplicationService applications = context.getBean(ApplicationService.class);
            DataSource data = context.getBean(DataSource.class);
            Fixtures.setClock(Fixtures.START);
            try {
                Call call = fixtures.openCall();
                List<Organisation> leads = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    leads.add(fixtures.organisation(i % 2 == 0 ? Administration.COCOF : Administration.COCOM));
                }
                // past the last reminder: the drafts wait only for the deadline
                Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minus(Duration.ofHours(2)));
                long setup = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(1);
                List<Future<?>> started = new ArrayList<>();
                for (int t = 0; t < 1; t++) {
                    int first = t;
                    started.add(pool.submit(() -> {
                        for (int i = first; i < n; i += 1) {
                            Organisation lead = leads.get(i % leads.size());
                            startDraft(applications, call, lead);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : started) {
                    f.get();
                }
                pool.shutdown();
                long callId = call.getId();
                String closed = "select count(*) from application where call_id = " + callId
                        + " and state = 'DRAFT_EXPIRED'";
                String mails = "select count(*) from outbox_message m join application a on a.id = m.application_id"
                        + " where a.call_id = " + callId + " and m.event = 'DRAFT_CLOSED'";
                String audits = "select count(*) from audit_event where call_id = " + callId + " and type = 'DRAFT_EXPIRED'";
                String done = "select count(*) from application a where a.call_id = " + callId
                        + " and a.state = 'DRAFT_EXPIRED' and exists (select 1 from outbox_message m where m.application_id"
                        + " = a.id and m.event = 'DRAFT_CLOSED') and exists (select 1 from audit_event e where"
                        + " e.application_id = a.id and e.type = 'DRAFT_EXPIRED')";
                System.out.printf("%s: %d drafts open after %.1f s, deadline passes now%n", config, n,
                        (System.nanoTime() - setup) / 1e9);

                Fixtures.setClock(Fixtures.STAGE1_DEADLINE.plusSeconds(1));
                long start = System.nanoTime();
                executor.start();
                long deadline = start + LIMIT.toNanos();
                // closing, its mail and its audit entry commit in one transaction (the job of the timer): the state is
                // enough to poll; the join below checks the three at the end
                while (BenchSupport.count(data, closed) < n && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                String running = "select count(*) from act_ru_execution where parent_id_ is null and proc_def_id_"
                        + " like 'GrantApplicationProcess:%'";
                while (BenchSupport.count(data, running) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                double endedSeconds = (System.nanoTime() - start) / 1e9;
                executor.shutdown();
                org.assertj.core.api.Assertions.assertThat(BenchSupport.count(data, running)).as("every draft's process"
                        + " ended").isZero();
                org.assertj.core.api.Assertions.assertThat(BenchSupport.count(data, done)).as("closed with mail and audit")
                        .isEqualTo(n);
                return new Result(seconds, BenchSupport.count(data, closed), BenchSupport.count(data, mails),
                        BenchSupport.count(data, audits), endedSeconds);
            } finally {
                Fixtures.resetClock();
            }
        }
    }
}
