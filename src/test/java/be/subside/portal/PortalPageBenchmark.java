package be.subside.portal;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The applicant's task page over real HTTP, signed in, on PostgreSQL: the time to render the preliminary dossier (the
 * form of forms/ turned into HTML) and the time to submit it (validation, domain rules, documents frozen, receipt PDF,
 * Camunda task completed, mail queued), one applicant at a time and eight at once. Run: {@code mvn -Pbench verify}.
 * Prints a table and writes target/bench/portal-pages.csv; asserts only that every submission succeeded.
 */
@Tag("bench")
@IntegrationTest
class PortalPageBenchmark {

    static final int CLIENTS = 8;
    static final int RENDERS_PER_CLIENT = 60;
    static final int SUBMISSIONS_PER_CLIENT = 15;
    static final int WARM_UP = 30;
    /** Submissions of the first applicant alone, before the eight submit together. */
    static final int ALONE = 30;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ApplicationService applications;

    /** One signed-in applicant with its own organisation and drafts. */
    record Applicant(PortalClient client, Organisation lead, List<String> drafts) {
    }

    @Test
    void renderAndSubmitTheDossierPage() throws Exception {
        Call call = fixtures.openCall();
        Organisation partner = fixtures.organisation(Administration.COCOM);
        List<Applicant> applicants = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Organisation lead = fixtures.organisation(Administration.COCOF);
            fixtures.account(lead);
            List<String> drafts = new ArrayList<>();
            for (int d = 0; d < SUBMISSIONS_PER_CLIENT + (i == 0 ? WARM_UP / 3 + ALONE : 0); d++) {
                drafts.add(fixtures.draft(call, lead).getReference());
            }
            applicants.add(new Applicant(new PortalClient(port).signIn(lead), lead, drafts));
        }
        Applicant first = applicants.get(0);
        for (int i = 0; i < WARM_UP; i++) {
            render(first, first.drafts().get(0));
        }
        for (int i = 0; i < WARM_UP / 3; i++) {
            timedSubmission(first.client(), port, first.drafts().remove(first.drafts().size() - 1), partner);
        }

        List<String> rows = new ArrayList<>();
        rows.add("operation,clients,requests,p50_ms,p95_ms,p99_ms,max_ms,requests_per_s");
        rows.add(row("render dossier page", 1, run(applicants.subList(0, 1), a -> {
            long[] times = new long[RENDERS_PER_CLIENT * 4];
            for (int i = 0; i < times.length; i++) {
                times[i] = render(a, a.drafts().get(0));
            }
            return times;
        })));
        rows.add(row("render dossier page", CLIENTS, run(applicants, a -> {
            long[] times = new long[RENDERS_PER_CLIENT];
            for (int i = 0; i < times.length; i++) {
                times[i] = render(a, a.drafts().get(i % a.drafts().size()));
            }
            return times;
        })));
        rows.add(row("submit dossier", 1, run(applicants.subList(0, 1), a -> submitAll(a, 0, ALONE, partner))));
        rows.add(row("submit dossier", CLIENTS, run(applicants, a -> submitAll(a, a == first ? ALONE : 0,
                (a == first ? ALONE : 0) + SUBMISSIONS_PER_CLIENT, partner))));
        long submitted = applicants.stream().flatMap(a -> a.drafts().stream())
                .filter(r -> applications.get(r).getState() == ApplicationState.STAGE1_SUBMITTED).count();
        org.assertj.core.api.Assertions.assertThat(submitted).as("every submission went through")
                .isEqualTo((long) CLIENTS * SUBMISSIONS_PER_CLIENT + ALONE);

        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%n== portal task page: %d cores, max heap %d MiB, PostgreSQL (embedded) on loopback, "
                + "HTTP with a signed-in session%n", runtime.availableProcessors(), runtime.maxMemory() >> 20);
        rows.forEach(row -> System.out.println(row.replace(",", "\t")));
        Path out = Path.of("target", "bench", "portal-pages.csv");
        Files.createDirectories(out.getParent());
        Files.write(out, rows);
    }

    interface Work {
        long[] on(Applicant applicant) throws Exception;
    }

    /** Latencies in nanoseconds of every request of every client, and the wall time of the whole run. */
    record Result(long[] nanos, double seconds) {
    }

    private Result run(List<Applicant> applicants, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(applicants.size());
        try {
            long start = System.nanoTime();
            List<Future<long[]>> futures = new ArrayList<>();
            for (Applicant applicant : applicants) {
                Callable<long[]> task = () -> work.on(applicant);
                futures.add(pool.submit(task));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> future : futures) {
                all.add(future.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(all.stream().flatMapToLong(Arrays::stream).sorted().toArray(), seconds);
        } finally {
            pool.shutdown();
        }
    }

    private static String row(String operation, int clients, Result result) {
        long[] n = result.nanos();
        return String.format(Locale.ROOT, "%s,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f", operation, clients, n.length,
                percentile(n, 50), percentile(n, 95), percentile(n, 99), n[n.length - 1] / 1e6,
                n.length / result.seconds());
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private long[] submitAll(Applicant applicant, int from, int to, Organisation partner) throws Exception {
        long[] times = new long[to - from];
        for (int i = from; i < to; i++) {
            times[i - from] = timedSubmission(applicant.client(), port, applicant.drafts().get(i), partner);
        }
        return times;
    }

    private long render(Applicant applicant, String reference) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> page = applicant.client().get("/portal/applications/" + reference + "/dossier");
        long nanos = System.nanoTime() - start;
        if (page.statusCode() != 200 || !page.body().contains("Field_ProjectTitle")) {
            throw new IllegalStateException("render failed: " + page.statusCode());
        }
        return nanos;
    }

    /**
     * Times the submission only: the page (and its CSRF token) is fetched before the clock starts; throws unless the
     * dossier was accepted. The deadline rush benchmark submits the same way.
     */
    static long timedSubmission(PortalClient client, int port, String reference, Organisation partner) throws Exception {
        String path = "/portal/applications/" + reference + "/dossier";
        String token = PortalAccountTest.csrf(client.get(path).body());
        String body = "_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&action=submit"
                + "&projectTitle=Centrale+d%27achat&projectSummary=Achats+group%C3%A9s+pour+trois+ASBL."
                + "&measures=PURCHASING_CENTRALS&aims=COLLABORATIVE_WORK&partners%5B0%5D.enterpriseNumber="
                + partner.getEnterpriseNumber() + "&requestedAmount=45000&declarationAccepted=true";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 302 || !response.headers().firstValue("Location").orElse("").endsWith("?submitted")) {
            throw new IllegalStateException("submission of " + reference + " answered " + response.statusCode());
        }
        return nanos;
    }
}
