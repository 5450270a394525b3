package be.subside.fault;

import static org.assertj.core.api.Assertions.assertThat;

import be.subside.Fixtures;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * kill -9 of the application in the middle of a deadline rush: applicants submit complete dossiers over HTTP, as fast
 * as the portal answers, and the JVM is killed once a few dozen submissions have been confirmed. After a restart,
 * every confirmed submission is in the database complete (content, frozen documents, receipt, audit, queued mail, the
 * process at the admissibility check); every submission that got an error or no answer is either complete too or
 * still a clean draft, which the applicant then submits normally.
 */
class CrashFaultIT {

    static final int APPLICANTS = 16;
    static final int DRAFTS_EACH = 8;
    /** Confirmed submissions before the kill. */
    static final int KILL_AFTER = 40;

    enum Outcome { CONFIRMED, REFUSED, NO_ANSWER }

    @Test
    void everyConfirmedSubmissionSurvivesAKillAndNoneIsHalfThere() throws Exception {
        try (FaultDatabase database = new FaultDatabase()) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            List<Organisation> leads = new ArrayList<>();
            Map<Organisation, List<String>> drafts = new ConcurrentHashMap<>();
            Organisation partner;
            try (Seeder seeder = new Seeder(database.jdbcUrl())) {
                Call call = seeder.openCall(Instant.now().plus(Duration.ofDays(2)));
                partner = seeder.fixtures.organisation(Administration.COCOM);
                for (int i = 0; i < APPLICANTS; i++) {
                    Organisation lead = seeder.applicant();
                    leads.add(lead);
                    List<String> own = new ArrayList<>();
                    for (int d = 0; d < DRAFTS_EACH; d++) {
                        own.add(seeder.completeDraft(call, lead));
                    }
                    drafts.put(lead, own);
                }
            }

            try (AppNode node = new AppNode("crash", database.jdbcUrl())) {
                node.start();
                Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
                AtomicInteger confirmed = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(APPLICANTS);
                for (Organisation lead : leads) {
                    pool.submit(() -> {
                        PortalSession session = new PortalSession(node).signIn(Fixtures.user(lead), Fixtures.PASSWORD);
                        for (String reference : drafts.get(lead)) {
                            try {
                                boolean ok = session.submitDossier(reference, partner.getEnterpriseNumber());
                                outcomes.put(reference, ok ? Outcome.CONFIRMED : Outcome.REFUSED);
                                if (ok) {
                                    confirmed.incrementAndGet();
                                }
                            } catch (IOException e) {
                                // the JVM is gone: this request may or may not have reached it; the next ones are
                                // never sent
                                outcomes.put(reference, Outcome.NO_ANSWER);
                                return null;
                            }
                        }
                        return null;
                    });
                }
                Wait.until(KILL_AFTER + " confirmed submissions", Duration.ofSeconds(120),
                        () -> confirmed.get() >= KILL_AFTER);
                node.kill();
                long killedAt = System.nanoTime();
                pool.shutdown();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("every applicant got an answer or an error")
                        .isTrue();
                double clientsDoneAfter = (System.nanoTime() - killedAt) / 1e9;

                node.start();

                List<String> inFlight = new ArrayList<>();
                int completeInFlight = 0;
                int cleanInFlight = 0;
                int cleanNeverSent = 0;
                for (List<String> own : drafts.values()) {
                    for (String reference : own) {
                        CaseRecord record = CaseRecord.read(jdbc, reference);
                        Outcome outcome = outcomes.get(reference);
                        if (outcome == Outcome.CONFIRMED) {
                            assertThat(record.fullySubmitted()).as("confirmed submission complete: %s", record).isTrue();
                        } else {
                            assertThat(record.fullySubmitted() || record.cleanDraft())
                                    .as("unconfirmed case (%s) complete or a clean draft: %s", outcome, record).isTrue();
                            if (outcome != null) {
                                inFlight.add(reference);
                                if (record.fullySubmitted()) {
                                    completeInFlight++;
                                } else {
                                    cleanInFlight++;
                                }
                            } else {
                                assertThat(record.cleanDraft()).as("never sent, still a clean draft").isTrue();
                                cleanNeverSent++;
                            }
                        }
                    }
                }
                assertThat(outcomes.values()).as("no submission refused before the kill").doesNotContain(Outcome.REFUSED);

                // the applicants whose submission was cut come back and submit their clean drafts
                int resubmitted = 0;
                for (Organisation lead : leads) {
                    PortalSession session = new PortalSession(node).signIn(Fixtures.user(lead), Fixtures.PASSWORD);
                    for (String reference : drafts.get(lead)) {
                        if (inFlight.contains(reference) && CaseRecord.read(jdbc, reference).cleanDraft()) {
                            assertThat(session.submitDossier(reference, partner.getEnterpriseNumber()))
                                    .as("resubmission of %s after the restart", reference).isTrue();
                            assertThat(CaseRecord.read(jdbc, reference).fullySubmitted()).isTrue();
                            resubmitted++;
                        }
                    }
                }
                node.stop();

                System.out.printf("%n== fault: kill -9 during a deadline rush (%d applicants, %d drafts each)%n"
                        + "confirmed before the kill: %d, all found complete after restart%n"
                        + "cut by the kill (error, no answer): %d: %d found complete, %d clean drafts "
                        + "(all %d resubmitted after restart)%n"
                        + "never sent: %d, clean drafts%n"
                        + "clients all ended %.1f s after the kill; restart until healthy: %.1f s%n",
                        APPLICANTS, DRAFTS_EACH, outcomes.values().stream().filter(o -> o == Outcome.CONFIRMED).count(),
                        inFlight.size(), completeInFlight, cleanInFlight, resubmitted, cleanNeverSent,
                        clientsDoneAfter, node.lastStartUp.toMillis() / 1e3);
            }
        }
    }
}
