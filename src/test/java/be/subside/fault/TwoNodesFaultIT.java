package be.subside.fault;

import static org.assertj.core.api.Assertions.assertThat;

import be.subside.Fixtures;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application JVMs on one PostgreSQL, job executor on in both. 1,000 drafts of one call wait with their reminder
 * timers suspended until both nodes run; an administrator then activates them through engine-rest, so that all are due
 * at once on both nodes. Each timer fires exactly once (one successful execution per job, across the nodes) and each
 * draft gets its reminder once. Then the call's stage-1 deadline passes: its closing batches and the Camunda batch that
 * ends the drafts' processes run on whichever node acquires them; each draft is closed once with one mail. Both nodes
 * serve the portal, Tasklist and engine-rest.
 */
class TwoNodesFaultIT {

    static final int DRAFTS = 1000;
    static final int ORGANISATIONS = 10;
    /** The call's deadline, from the start of seeding: time to seed, start both nodes and send every reminder. */
    static final Duration DEADLINE_AFTER = Duration.ofSeconds(300);
    /** One reminder, a second after seeding starts: due (and suspended) long before the nodes run. */
    static final String OFFSETS = "subside.reminders.offsets=PT299S";
    /**
     * An idle job executor sleeps up to 60 s between acquisitions (Camunda's default); here 5 s at most, so that both
     * nodes are awake when the timers become due and compete for them.
     */
    static final String MAX_WAIT = "camunda.bpm.job-execution.max-wait=5000";

    @Test
    void timersDueAtOnceFireExactlyOnceAcrossTwoNodes() throws Exception {
        try (FaultDatabase database = new FaultDatabase()) {
            JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
            List<String> drafts = Collections.synchronizedList(new ArrayList<>());
            Organisation applicant;
            Instant deadline;
            long seedStart = System.nanoTime();
            try (Seeder seeder = new Seeder(database.jdbcUrl(), OFFSETS)) {
                Instant now = Instant.now();
                deadline = now.plus(DEADLINE_AFTER);
                Call call = Seeder.at(now, () -> seeder.openCall(deadline));
                List<Organisation> leads = new ArrayList<>();
                for (int i = 0; i < ORGANISATIONS; i++) {
                    leads.add(seeder.applicant());
                }
                applicant = leads.get(0);
                // one after the other, the clock standing still so that every draft schedules the same reminder
                Seeder.at(now, () -> {
                    for (int i = 0; i < DRAFTS; i++) {
                        drafts.add(seeder.emptyDraft(call, leads.get(i % ORGANISATIONS)));
                    }
                    return null;
                });
                seeder.suspendCaseJobs();
            }
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            long timers = DowntimeFaultIT.count(jdbc, "select count(*) from act_ru_job where type_ = 'timer' and "
                    + "suspension_state_ = 2 and duedate_ < now()");
            assertThat(timers).as("one reminder due per draft").isEqualTo(DRAFTS);

            try (AppNode a = new AppNode("node-a", database.jdbcUrl(), MAX_WAIT, OFFSETS);
                    AppNode b = new AppNode("node-b", database.jdbcUrl(), MAX_WAIT, OFFSETS)) {
                CompletableFuture.allOf(CompletableFuture.runAsync(a::start), CompletableFuture.runAsync(b::start))
                        .join();
                // past the deadline, the call would close the drafts (and drop their reminders) before the activation
                assertThat(Duration.between(Instant.now(), deadline)).as("time left before the deadline to send the "
                        + "reminders; seeding took %.0f s (setup too slow: a machine busy with other work?)", seedSeconds)
                        .isGreaterThan(Duration.ofSeconds(60));
                for (AppNode node : List.of(a, b)) {
                    HttpResponse<String> page = new PortalSession(node).signIn(Fixtures.user(applicant),
                            Fixtures.PASSWORD).get("/portal");
                    assertThat(page.statusCode()).as("portal on %s", node.name).isEqualTo(200);
                    assertThat(page.body()).as("the applicant's drafts on %s", node.name).contains(drafts.get(0));
                    HttpResponse<String> count = PortalSession.engineRest(node, "GET",
                            "/job/count?suspended=true&processDefinitionKey=GrantApplicationProcess", null);
                    assertThat(count.statusCode()).as("engine-rest on %s", node.name).isEqualTo(200);
                    assertThat(count.body()).contains("\"count\":" + timers);
                    assertThat(PortalSession.engineRest(node, "GET", "/task/count", null).statusCode()).isEqualTo(200);
                    HttpResponse<String> tasklist = java.net.http.HttpClient.newHttpClient().send(
                            java.net.http.HttpRequest.newBuilder(node.uri("/camunda/app/tasklist/default/")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(tasklist.statusCode()).as("Tasklist on %s", node.name).isEqualTo(200);
                }

                long start = System.nanoTime();
                HttpResponse<String> activation = PortalSession.engineRest(a, "PUT", "/job/suspended",
                        "{\"processDefinitionKey\":\"GrantApplicationProcess\",\"suspended\":false}");
                assertThat(activation.statusCode()).as(activation.body()).isEqualTo(204);
                Wait.until(DRAFTS + " reminders queued", Duration.ofSeconds(240), () -> DowntimeFaultIT.count(jdbc,
                        "select count(*) from outbox_message where event = 'STAGE1_REMINDER'") == DRAFTS);
                double remindSeconds = (System.nanoTime() - start) / 1e9;
                assertThat(Instant.now()).as("every reminder sent before the deadline").isBefore(deadline);

                Duration untilDeadline = Duration.between(Instant.now(), deadline);
                Wait.until(DRAFTS + " drafts closed", untilDeadline.plusSeconds(240),
                        () -> DowntimeFaultIT.count(jdbc, "select count(*) from application where state = "
                                + "'DRAFT_EXPIRED'") == DRAFTS && DowntimeFaultIT.count(jdbc,
                                "select count(*) from outbox_message where event = 'DRAFT_CLOSED'") == DRAFTS);
                double closeSeconds = Duration.between(deadline, Instant.now()).toMillis() / 1e3;
                Wait.until("every draft's process ended", Duration.ofSeconds(240), () -> DowntimeFaultIT.count(jdbc,
                        "select count(*) from act_ru_execution where parent_id_ is null and business_key_ in ("
                                + DowntimeFaultIT.in(drafts) + ")") == 0);
                double endSeconds = Duration.between(deadline, Instant.now()).toMillis() / 1e3;

                assertThat(DowntimeFaultIT.count(jdbc, "select count(distinct application_id) from outbox_message "
                        + "where event = 'STAGE1_REMINDER'")).as("one reminder per draft").isEqualTo(DRAFTS);
                assertThat(DowntimeFaultIT.count(jdbc, "select count(distinct application_id) from outbox_message "
                        + "where event = 'DRAFT_CLOSED'")).as("one closing mail per draft").isEqualTo(DRAFTS);
                assertThat(DowntimeFaultIT.count(jdbc, "select count(*) from (select application_id from audit_event "
                        + "where type = 'DRAFT_EXPIRED' group by application_id having count(*) = 1) once"))
                        .as("each draft closed once").isEqualTo(DRAFTS);
                assertThat(DowntimeFaultIT.count(jdbc, "select count(*) from act_hi_procinst where business_key_ in ("
                        + DowntimeFaultIT.in(drafts) + ") and end_act_id_ = 'EndEvent_DraftExpired'"))
                        .as("each draft's process ended at EndEvent_DraftExpired").isEqualTo(DRAFTS);
                assertThat(DowntimeFaultIT.count(jdbc, "select count(*) from (select job_id_ from act_hi_job_log "
                        + "where job_state_ = 2 group by job_id_ having count(*) > 1) twice"))
                        .as("no job executed successfully twice").isZero();
                assertThat(DowntimeFaultIT.count(jdbc, "select count(*) from act_ru_incident")).isZero();
                List<Map<String, Object>> byNode = jdbc.queryForList("select hostname_ as node, count(*) as timers "
                        + "from act_hi_job_log where job_state_ = 2 and act_id_ = 'Timer_Stage1Reminder' "
                        + "group by hostname_ order by hostname_");
                long fired = byNode.stream().mapToLong(r -> ((Number) r.get("timers")).longValue()).sum();
                assertThat(fired).as("every due timer fired once").isEqualTo(timers);
                assertThat(byNode).as("both nodes fired timers").hasSize(2);
                List<Map<String, Object>> closingByNode = jdbc.queryForList("select hostname_ as node, job_def_type_ as"
                        + " job, count(*) as runs from act_hi_job_log where job_state_ = 2 and (job_def_type_ in"
                        + " ('batch-seed-job', 'correlate-message') or act_id_ = 'Task_CloseExpiredDrafts')"
                        + " group by hostname_, job_def_type_ order by hostname_, job_def_type_");
                long failed = DowntimeFaultIT.count(jdbc, "select count(*) from act_hi_job_log where job_state_ = 1");
                long optimistic = DowntimeFaultIT.count(jdbc, "select count(*) from act_hi_job_log where job_state_ = 1 "
                        + "and job_exception_msg_ like '%OptimisticLocking%'");

                System.out.printf("%n== fault: two nodes on one PostgreSQL, %d timers due at once, then the deadline%n"
                        + "seeding %.1f s; both nodes healthy after %.1f s / %.1f s%n"
                        + "all %d reminders queued %.1f s after activation (%.0f timers/s)%n"
                        + "reminder timers fired per node: %s (sum %d, each exactly once)%n"
                        + "deadline: all %d drafts closed and mails queued %.1f s after it, processes ended %.1f s after"
                        + " it%nclosing and batch jobs per node: %s%n"
                        + "failed attempts retried: %d (optimistic locking: %d); incidents 0; duplicate mails 0%n"
                        + "portal page, Tasklist and engine-rest answered on both nodes%n",
                        timers, seedSeconds, a.lastStartUp.toMillis() / 1e3, b.lastStartUp.toMillis() / 1e3, DRAFTS,
                        remindSeconds, DRAFTS / remindSeconds, byNode, fired, DRAFTS, closeSeconds, endSeconds,
                        closingByNode, failed, optimistic);
            }
        }
    }
}
