package be.subside.fault;

import static org.assertj.core.api.Assertions.assertThat;

import be.subside.Fixtures;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL stops and starts again under the running application while applicants load their dossier pages. Every
 * request in flight or sent during the outage ends, with an answer or an error, within {@link #BOUND} (the pool's
 * connection timeout, see application-postgres.yml); afterwards requests succeed again and the job executor runs
 * jobs again, without anyone touching the application.
 */
class DatabaseRestartFaultIT {

    static final int APPLICANTS = 8;
    static final int DRAFTS_TO_CLOSE = 50;
    /** No request may take longer than this, outage or not. */
    static final Duration BOUND = Duration.ofSeconds(30);

    record Request(long startNanos, long endNanos, int status) {
        boolean ok() {
            return status == 200;
        }

        Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    @Test
    void theApplicationRecoversFromADatabaseRestartAndNoRequestHangs() throws Exception {
        try (FaultDatabase database = new FaultDatabase()) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            List<Organisation> leads = new ArrayList<>();
            List<String> drafts = new ArrayList<>();
            List<String> closing = new ArrayList<>();
            try (Seeder seeder = new Seeder(database.jdbcUrl())) {
                Call open = seeder.openCall(Instant.now().plus(Duration.ofDays(2)));
                for (int i = 0; i < APPLICANTS; i++) {
                    Organisation lead = seeder.applicant();
                    leads.add(lead);
                    drafts.add(seeder.completeDraft(open, lead));
                }
                // drafts whose deadline has passed, their timers held until after the outage
                Instant now = Instant.now();
                Seeder.at(now, () -> {
                    Call ending = seeder.openCall(now.plusSeconds(2));
                    for (int i = 0; i < DRAFTS_TO_CLOSE; i++) {
                        closing.add(seeder.emptyDraft(ending, leads.get(i % APPLICANTS)));
                    }
                    return null;
                });
                seeder.suspendCaseJobs();
                seeder.suspendCallJobs();
            }

            try (AppNode node = new AppNode("db-restart", database.jdbcUrl())) {
                node.start();
                ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(APPLICANTS);
                for (int i = 0; i < APPLICANTS; i++) {
                    Organisation lead = leads.get(i);
                    String page = "/portal/applications/" + drafts.get(i) + "/dossier";
                    pool.submit(() -> {
                        PortalSession session = new PortalSession(node).signIn(Fixtures.user(lead), Fixtures.PASSWORD);
                        while (running.get()) {
                            long start = System.nanoTime();
                            int status;
                            try {
                                HttpResponse<String> response = session.get(page);
                                status = response.statusCode() == 200 && response.body().contains("Field_ProjectTitle")
                                        ? 200 : response.statusCode();
                            } catch (java.io.IOException e) {
                                status = -1;
                            }
                            requests.add(new Request(start, System.nanoTime(), status));
                        }
                        return null;
                    });
                }
                Wait.until("pages served before the outage", Duration.ofSeconds(120),
                        () -> requests.stream().filter(Request::ok).count() >= 50);

                long stopped = System.nanoTime();
                database.stop();
                Wait.until("requests fail while the database is down", Duration.ofSeconds(120),
                        () -> requests.stream().filter(r -> r.startNanos() > stopped && !r.ok()).count() >= APPLICANTS);
                long restarted = System.nanoTime();
                database.start();
                Duration recovered = Wait.until("a page served again", Duration.ofSeconds(120),
                        () -> requests.stream().anyMatch(r -> r.startNanos() > restarted && r.ok()));

                for (String process : List.of("GrantApplicationProcess", "CallForProjectsProcess")) {
                    HttpResponse<String> activation = PortalSession.engineRest(node, "PUT", "/job/suspended",
                            "{\"processDefinitionKey\":\"" + process + "\",\"suspended\":false}");
                    assertThat(activation.statusCode()).as("engine-rest after the outage: " + activation.body())
                            .isEqualTo(204);
                }
                Duration jobsRan = Wait.until("the job executor closes the expired drafts", Duration.ofSeconds(180),
                        () -> DowntimeFaultIT.count(jdbc, "select count(*) from application where state = "
                                + "'DRAFT_EXPIRED' and reference in (" + DowntimeFaultIT.in(closing) + ")")
                                == DRAFTS_TO_CLOSE);
                long settled = System.nanoTime();
                Wait.until("pages served after the jobs ran", Duration.ofSeconds(60),
                        () -> requests.stream().filter(r -> r.startNanos() > settled && r.ok()).count() >= 20);
                running.set(false);
                pool.shutdown();
                assertThat(pool.awaitTermination(BOUND.toSeconds() + 10, TimeUnit.SECONDS))
                        .as("every applicant's last request ended").isTrue();
                node.stop();

                List<Request> all = new ArrayList<>(requests);
                List<Request> duringOutage = all.stream().filter(r -> r.endNanos() > stopped
                        && r.startNanos() < restarted).toList();
                Duration longest = all.stream().map(Request::took).max(Duration::compareTo).orElseThrow();
                assertThat(longest).as("the longest request").isLessThan(BOUND);
                assertThat(all.stream().filter(r -> r.startNanos() > settled).filter(r -> !r.ok()).count())
                        .as("failed requests once the application had recovered").isZero();
                long failedAfterBack = all.stream().filter(r -> r.startNanos() > restarted && !r.ok()).count();
                assertThat(DowntimeFaultIT.count(jdbc, "select count(*) from outbox_message where event = "
                        + "'DRAFT_CLOSED'")).isEqualTo(DRAFTS_TO_CLOSE);

                System.out.printf("%n== fault: database restart under load (%d applicants loading pages)%n"
                        + "database down %.1f s; requests in flight or sent meanwhile: %d, %d failed, longest %.1f s%n"
                        + "longest request of the whole run %.1f s (bound %d s); %d requests in all, %d failed%n"
                        + "first page served %.1f s after the database was back; %d requests failed after it was back%n"
                        + "%d expired drafts closed by the job executor %.1f s after their timers were activated%n",
                        APPLICANTS, (restarted - stopped) / 1e9, duringOutage.size(),
                        duringOutage.stream().filter(r -> !r.ok()).count(),
                        duringOutage.stream().map(Request::took).max(Duration::compareTo).orElse(Duration.ZERO)
                                .toMillis() / 1e3, longest.toMillis() / 1e3, BOUND.toSeconds(), all.size(),
                        all.stream().filter(r -> !r.ok()).count(), recovered.toMillis() / 1e3, failedAfterBack, DRAFTS_TO_CLOSE,
                        jobsRan.toMillis() / 1e3);
            }
        }
    }
}
