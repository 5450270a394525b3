package be.subside.portal;

import be.subside.BenchSupport;
import be.subside.BenchSupport.Config;
import be.subside.Fixtures;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 2 of issue 7: C applicants, each signed in to the portal over HTTP, submit complete preliminary dossiers
 * (statutes uploaded beforehand) as fast as they can for a fixed time, as in the last hour before a deadline. Each
 * applicant fetches the dossier page (its CSRF token; not timed) then posts the submission (timed). Afterwards every
 * submission that got the success answer must be STAGE1_SUBMITTED with its stage-1 receipt. Ours and the stock
 * configuration, each after a warm-up of 10 s that is not measured, then pgbench. Each configuration also prints the
 * SQL statements of one page load and submission, and every run starts on a database vacuumed and analysed after its
 * set-up. Run:
 * {@code mvn -Pbench verify -Dtest=DeadlineRushBenchmark}
 * ({@code -Dbench.rush.clients=50,200 -Dbench.rush.seconds=20 -Dbench.rush.drafts=1200}: drafts per run, shared
 * among the applicants).
 */
@Tag("bench")
class DeadlineRushBenchmark {

    static final int WARM_UP_APPLICANTS = 8;
    static final int WARM_UP_DRAFTS = 40;

    @Test
    void applicantsSubmitTogetherBeforeTheDeadline() throws Exception {
        List<Integer> clients = Arrays.stream(System.getProperty("bench.rush.clients", "50,200").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        int seconds = Integer.getInteger("bench.rush.seconds", 20);
        int drafts = Integer.getInteger("bench.rush.drafts", 1200);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("config", "applicants", "seconds", "submissions", "per_s", "p50_ms", "p95_ms", "p99_ms",
                "max_ms", "errors", "lost", "ran_out", "ours_over_stock_rate", "per_pgbench_tps", "server_cpu_ms",
                "postgres_cpu_ms", "client_cpu_ms", "cpu_bound_per_s"));
        Map<Integer, Double> stockRates = new java.util.HashMap<>();
        for (Config config : List.of(Config.STOCK, Config.OURS)) {
            try (ConfigurableApplicationContext context = BenchSupport.start(config, false, Map.of())) {
                // not measured: the JIT compiles the submission's code in each configuration before the runs that count
                // (until this warm-up, the configuration that ran first paid for it, in CPU and in latency)
                Result warmUp = rush(context, WARM_UP_APPLICANTS, WARM_UP_DRAFTS, Duration.ofSeconds(10));
                System.out.printf("%s warm-up: %d submissions, %.1f/s%n", config, warmUp.nanos().length, warmUp.rate());
                org.assertj.core.api.Assertions.assertThat(warmUp.lost()).as("nothing lost in the warm-up").isZero();
                System.out.printf("%s: one applicant's page and submission make %s%n", config,
                        BenchSupport.describe(statementsOfOneSubmission(context)));
                for (int c : clients) {
                    Result r = rush(context, c, Math.max(1, drafts / c), Duration.ofSeconds(seconds));
                    if (config == Config.STOCK) {
                        stockRates.put(c, r.rate());
                    }
                    long[] n = r.nanos();
                    rows.add(List.of(config.name().toLowerCase(), c, r.seconds(), n.length, r.rate(),
                            BenchSupport.percentile(n, 50), BenchSupport.percentile(n, 95), BenchSupport.percentile(n, 99),
                            n.length == 0 ? 0.0 : n[n.length - 1] / 1e6, r.errors(), r.lost(), r.ranOut(),
                            r.rate() / stockRates.get(c), r.rate() / BenchSupport.pgbenchTps(), r.serverCpuMs(),
                            r.postgresCpuMs(), r.clientCpuMs(), r.cpuBound()));
                }
            }
        }
        rows.add(List.of("pgbench", "-c 8 -j 2 -T 20 (tps)", "20", "", BenchSupport.pgbenchTps(), "", "", "", "", "", "",
                "", "", 1.0, "", "", "", ""));
        BenchSupport.report("deadline rush: applicants submitting the dossier over HTTP (" + seconds + " s per run)",
                "deadline-rush.csv", rows);
        org.assertj.core.api.Assertions.assertThat(rows.stream().skip(1).filter(r -> r.size() > 10)
                .map(r -> r.get(10)).filter(v -> v instanceof Long l && l > 0).toList()).as("nothing lost").isEmpty();
    }

    record Applicant(PortalClient client, List<String> drafts) {
    }

    /** Applicants signed in to the portal with their drafts in one open call, and the partner their dossiers name. */
    record Applicants(List<Applicant> applicants, Organisation partner) {
    }

    /**
     * What one rush gave. The CPU figures are per successful submission (the applicant's page load and post): the
     * application's (this JVM's, less the applicant threads' own), PostgreSQL's, and the applicants'; the bound is the
     * rate at which the application and PostgreSQL would use every core of the machine and nothing else ran.
     */
    record Result(long[] nanos, double seconds, long errors, long lost, int ranOut, BenchSupport.Cpu cpu,
            long clientNanos) {
        double rate() {
            return nanos.length / seconds;
        }

        double serverCpuMs() {
            return cpu.applicationMsEach(nanos.length, clientNanos);
        }

        double postgresCpuMs() {
            return cpu.postgresMsEach(nanos.length);
        }

        double clientCpuMs() {
            return clientNanos / 1e6 / nanos.length;
        }

        double cpuBound() {
            return Runtime.getRuntime().availableProcessors() * 1000 / (serverCpuMs() + postgresCpuMs());
        }
    }

    private static Applicants applicants(ConfigurableApplicationContext context, int clients, int draftsEach)
            throws Exception {
        Fixtures fixtures = context.getBean(Fixtures.class);
        int port = port(context);
        Fixtures.setClock(Fixtures.START);
        List<Applicant> applicants = new ArrayList<>();
        try {
            Call call = fixtures.openCall();
            Organisation partner = fixtures.organisation(Administration.COCOM);
            for (int i = 0; i < clients; i++) {
                Organisation lead = fixtures.organisation(i % 2 == 0 ? Administration.COCOF : Administration.COCOM);
                fixtures.account(lead);
                List<String> references = new ArrayList<>();
                for (int d = 0; d < draftsEach; d++) {
                    references.add(fixtures.draft(call, lead).getReference());
                }
                applicants.add(new Applicant(new PortalClient(port).signIn(lead), references));
            }
            return new Applicants(applicants, partner);
        } finally {
            Fixtures.resetClock();
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The portal works on the engine clock too: the submissions happen on the day before the deadline. */
    private static void beforeTheDeadline() {
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minus(Duration.ofHours(3)));
    }

    /**
     * The SQL statements of one applicant's page load and submission, on its own (the second of two, so that nothing
     * is loaded for the first time): what the database does for each submission of the rush.
     */
    private static Map<String, Integer> statementsOfOneSubmission(ConfigurableApplicationContext context)
            throws Exception {
        Applicants one = applicants(context, 1, 2);
        Applicant applicant = one.applicants().get(0);
        beforeTheDeadline();
        try {
            PortalPageBenchmark.timedSubmission(applicant.client(), port(context), applicant.drafts().get(0),
                    one.partner());
            return BenchSupport.statements(() -> PortalPageBenchmark.timedSubmission(applicant.client(), port(context),
                    applicant.drafts().get(1), one.partner()));
        } finally {
            Fixtures.resetClock();
        }
    }

    private Result rush(ConfigurableApplicationContext context, int clients, int draftsEach, Duration length)
            throws Exception {
        int port = port(context);
        long setup = System.nanoTime();
        Applicants prepared = applicants(context, clients, draftsEach);
        List<Applicant> applicants = prepared.applicants();
        Organisation partner = prepared.partner();
        BenchSupport.vacuumAnalyze(context.getBean(DataSource.class));
        System.out.printf("%d applicants with %d drafts each ready in %.0f s (database vacuumed and analysed)%n",
                clients, draftsEach, (System.nanoTime() - setup) / 1e9);
        beforeTheDeadline();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> succeeded = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger ranOut = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong clientNanos = new java.util.concurrent.atomic.AtomicLong();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Applicant applicant : applicants) {
                running.add(pool.submit(() -> {
                    go.await();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    long end = System.nanoTime() + length.toNanos();
                    int next = 0;
                    while (System.nanoTime() < end) {
                        if (next == applicant.drafts().size()) {
                            ranOut.incrementAndGet();
                            break;
                        }
                        String reference = applicant.drafts().get(next++);
                        try {
                            nanos.add(PortalPageBenchmark.timedSubmission(applicant.client(), port, reference, partner));
                            succeeded.add(reference);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            System.out.println("error: " + e.getMessage());
                        }
                    }
                    clientNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuStart);
                    return null;
                }));
            }
            BenchSupport.Cpu before = BenchSupport.Cpu.now();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            BenchSupport.Cpu cpu = BenchSupport.Cpu.now().minus(before);
            DataSource data = context.getBean(DataSource.class);
            long complete = 0;
            List<String> all = new ArrayList<>(succeeded);
            for (int i = 0; i < all.size(); i += 500) {
                String in = String.join("','", all.subList(i, Math.min(all.size(), i + 500)));
                complete += BenchSupport.count(data, "select count(*) from application a where a.reference in ('" + in
                        + "') and a.state = 'STAGE1_SUBMITTED' and exists (select 1 from document d where "
                        + "d.application_id = a.id and d.slot = 'RECEIPT' and d.stage = 'STAGE1' and d.frozen)");
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Result(sorted, seconds, errors.get(), all.size() - complete, ranOut.get(), cpu, clientNanos.get());
        } finally {
            pool.shutdown();
            Fixtures.resetClock();
        }
    }
}
