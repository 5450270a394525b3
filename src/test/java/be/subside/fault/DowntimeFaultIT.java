package be.subside.fault;

import static org.assertj.core.api.Assertions.assertThat;

import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application is stopped before a stage-1 deadline and started after it. Two calls: on the first, both a reminder
 * and the deadline fall in the downtime; on the second, only a reminder does and the deadline is still far. After the
 * restart every due timer has fired once, late: the first call's deadline timer closes its drafts once each with one
 * mail, and they get no reminder (useless after the deadline), and their processes end; the second call's drafts get their late reminder once and stay open, their
 * next reminder and their deadline still pending.
 */
class DowntimeFaultIT {

    static final int DRAFTS_PER_CALL = 10;
    /** Reminders 14 minutes and 20 seconds before a deadline (the stock offsets are days; the test cannot wait days). */
    static final String OFFSETS = "subside.reminders.offsets=PT14M,PT20S";

    @Test
    void dueTimersFireOnceAfterTheDowntimeAndUselessRemindersAreNotSent() throws Exception {
        try (FaultDatabase database = new FaultDatabase();
                Seeder seeder = new Seeder(database.jdbcUrl(), OFFSETS);
                AppNode node = new AppNode("downtime", database.jdbcUrl(), OFFSETS)) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            node.start();

            // while the application runs: the reminders are due in 30 s, the first deadline in 50 s
            Instant now = Instant.now();
            Instant reminder = now.plusSeconds(30);
            Instant deadline = reminder.plusSeconds(20);
            Instant farDeadline = reminder.plus(Duration.ofMinutes(14));
            List<String> closing = new ArrayList<>();
            List<String> reminded = new ArrayList<>();
            String[] laterCall = new String[1];
            Seeder.at(now, () -> {
                Call soon = seeder.openCall(deadline);
                Call later = seeder.openCall(farDeadline);
                laterCall[0] = later.getCode();
                Organisation lead = seeder.applicant();
                for (int i = 0; i < DRAFTS_PER_CALL; i++) {
                    closing.add(seeder.emptyDraft(soon, lead));
                    reminded.add(seeder.emptyDraft(later, lead));
                }
                return null;
            });
            node.stop();
            Instant stoppedAt = Instant.now();
            assertThat(stoppedAt).as("the application stopped before the reminders were due (setup too slow)")
                    .isBefore(reminder);
            assertThat(count(jdbc, "select count(*) from outbox_message where event = 'STAGE1_REMINDER'")).isZero();

            Wait.until("the deadline passes while the application is down", Duration.ofSeconds(90),
                    () -> Instant.now().isAfter(deadline.plusSeconds(1)));
            node.start();
            Duration caughtUp = Wait.until("every due timer fired", Duration.ofSeconds(120),
                    () -> count(jdbc, "select count(*) from application where state = 'DRAFT_EXPIRED' and reference in ("
                            + in(closing) + ")") == DRAFTS_PER_CALL
                            && count(jdbc, "select count(*) from outbox_message where event = 'STAGE1_REMINDER' and "
                                    + "application_id in (select id from application where reference in ("
                                    + in(reminded) + "))") == DRAFTS_PER_CALL
                            && count(jdbc, "select count(*) from act_ru_execution where parent_id_ is null and "
                                    + "business_key_ in (" + in(closing) + ")") == 0);
            Instant restartedAt = Instant.now().minus(caughtUp).minus(node.lastStartUp);

            for (String reference : closing) {
                assertThat(events(jdbc, reference, "DRAFT_CLOSED")).as("one closing mail for %s", reference).isOne();
                assertThat(audits(jdbc, reference, "DRAFT_EXPIRED")).as("closed once").isOne();
                assertThat(events(jdbc, reference, "STAGE1_REMINDER")).as("no reminder after the deadline").isZero();
                assertThat(jdbc.queryForObject("select closed_at from application where reference = ?",
                        java.sql.Timestamp.class, reference).toInstant()).as("closed late, after the restart")
                        .isAfter(deadline);
            }
            for (String reference : reminded) {
                assertThat(events(jdbc, reference, "STAGE1_REMINDER")).as("the late reminder, once").isOne();
                assertThat(jdbc.queryForObject("select state from application where reference = ?", String.class,
                        reference)).isEqualTo("DRAFT");
                assertThat(count(jdbc, "select count(*) from act_ru_job j join act_ru_execution x on x.id_ = "
                        + "j.process_instance_id_ where x.business_key_ = '" + reference + "' and j.type_ = 'timer'"))
                        .as("the next reminder still pending").isEqualTo(1);
            }
            assertThat(count(jdbc, "select count(*) from act_ru_job j join act_ru_execution x on x.id_ = "
                    + "j.process_instance_id_ where x.business_key_ = '" + laterCall[0] + "' and j.type_ = 'timer'"))
                    .as("the second call's deadline still pending").isEqualTo(1);
            assertThat(count(jdbc, "select count(*) from act_hi_procinst where business_key_ in (" + in(closing)
                    + ") and end_act_id_ = 'EndEvent_DraftExpired'")).as("the closed drafts' processes ended")
                    .isEqualTo(DRAFTS_PER_CALL);
            assertThat(count(jdbc, "select count(*) from act_ru_incident")).as("no job failed for good").isZero();
            long failures = count(jdbc, "select count(*) from act_hi_job_log where job_exception_msg_ is not null");
            Instant firstClosure = jdbc.queryForObject("select min(closed_at) from application where state = "
                    + "'DRAFT_EXPIRED'", java.sql.Timestamp.class).toInstant();
            Instant lastClosure = jdbc.queryForObject("select max(closed_at) from application where state = "
                    + "'DRAFT_EXPIRED'", java.sql.Timestamp.class).toInstant();
            node.stop();

            System.out.printf("%n== fault: downtime across a deadline (%d drafts per call)%n"
                    + "application down %.1f s; deadline passed %.1f s into the downtime%n"
                    + "restart until healthy %.1f s, then every due timer fired within %.1f s%n"
                    + "drafts closed %d (once each, one mail each), %.1f s to %.1f s after their deadline%n"
                    + "reminders: none to the %d drafts whose deadline passed; %d sent late, deadline ahead, once each%n"
                    + "failed job executions %d, incidents 0%n",
                    DRAFTS_PER_CALL, Duration.between(stoppedAt, restartedAt).toMillis() / 1e3,
                    Duration.between(stoppedAt, deadline).toMillis() / 1e3, node.lastStartUp.toMillis() / 1e3,
                    caughtUp.toMillis() / 1e3, closing.size(), Duration.between(deadline, firstClosure).toMillis() / 1e3,
                    Duration.between(deadline, lastClosure).toMillis() / 1e3, closing.size(), reminded.size(), failures);
        }
    }

    static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    static long events(JdbcTemplate jdbc, String reference, String event) {
        return jdbc.queryForObject("select count(*) from outbox_message m join application a on a.id = m.application_id "
                + "where a.reference = ? and m.event = ?", Long.class, reference, event);
    }

    static long audits(JdbcTemplate jdbc, String reference, String type) {
        return jdbc.queryForObject("select count(*) from audit_event e join application a on a.id = e.application_id "
                + "where a.reference = ? and e.type = ?", Long.class, reference, type);
    }

    static String in(List<String> references) {
        return String.join(",", references.stream().map(r -> "'" + r + "'").toList());
    }
}
