package be.subside.call;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.audit.AuditEvent;
import be.subside.audit.AuditTrail;
import be.subside.identity.Organisation;
import be.subside.notification.OutboxMessage;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import be.subside.shared.Deadlines;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.*;

/** A manager moves a call's deadline: every running timer of that call moves with it, and nothing else changes. */
@IntegrationTest
class DeadlineExtensionTest {

    static final Instant NEW_STAGE1 = Deadlines.endOfDay(LocalDate.of(2030, 4, 7));

    @Autowired
    Fixtures fixtures;
    @Autowired
    CallService calls;
    @Autowired
    ApplicationService applications;
    @Autowired
    NotificationService notifications;
    @Autowired
    AuditTrail audit;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeEach
    void open() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
    }

    /** Due dates of every timer job, by process business key and activity. */
    Map<String, Instant> timers() {
        Map<String, Instant> due = new TreeMap<>();
        for (Job job : management.createJobQuery().timers().list()) {
            String key = runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId())
                    .singleResult().getBusinessKey();
            String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                    .singleResult().getActivityId();
            due.put(key + "/" + activity, job.getDuedate().toInstant());
        }
        return due;
    }

    @Test
    void movesEveryTimerOfTheCallAndNothingElse() {
        Application draft = fixtures.draft(call, lead);
        Application submitted = fixtures.submitted(call, partner, lead, "50000");
        Call otherCall = fixtures.openCall();
        Application otherDraft = fixtures.draft(otherCall, lead);
        Map<String, Instant> before = timers();
        Duration shift = Duration.between(Fixtures.STAGE1_DEADLINE, NEW_STAGE1);

        int moved = calls.extendDeadline(call.getCode(), Stage.STAGE1, NEW_STAGE1, "manager");

        // the call's deadline timer and the draft's reminder: a draft has no deadline timer of its own
        assertThat(moved).isEqualTo(2);
        Map<String, Instant> after = timers();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((key, due) -> {
            boolean ofThisCall = key.startsWith(draft.getReference() + "/") || key.startsWith(call.getCode() + "/");
            assertThat(after.get(key)).as(key).isEqualTo(ofThisCall ? due.plus(shift) : due);
        });
        assertThat(after.get(draft.getReference() + "/Timer_Stage1Reminder")).isEqualTo(NEW_STAGE1.minus(Duration.ofDays(14)));
        assertThat(after.get(call.getCode() + "/Timer_Stage1Deadline")).isEqualTo(NEW_STAGE1);
        assertThat(after.get(otherCall.getCode() + "/Timer_Stage1Deadline")).isEqualTo(Fixtures.STAGE1_DEADLINE);
        assertThat(after.get(otherDraft.getReference() + "/Timer_Stage1Reminder")).isEqualTo(before.get(
                otherDraft.getReference() + "/Timer_Stage1Reminder"));

        assertThat(calls.get(call.getCode()).getStage1Deadline()).isEqualTo(NEW_STAGE1);
        assertThat(calls.get(call.getCode()).getStage2Deadline()).isEqualTo(Fixtures.STAGE2_DEADLINE);
        assertThat(calls.get(otherCall.getCode()).getStage1Deadline()).isEqualTo(Fixtures.STAGE1_DEADLINE);
        assertThat(applications.get(submitted.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        assertThat(notifications.sentFor(draft.getId())).extracting(OutboxMessage::getEvent)
                .endsWith(NotificationEvent.DEADLINE_EXTENDED);
        assertThat(notifications.sentFor(submitted.getId())).extracting(OutboxMessage::getEvent)
                .doesNotContain(NotificationEvent.DEADLINE_EXTENDED);
        assertThat(notifications.sentFor(otherDraft.getId())).extracting(OutboxMessage::getEvent)
                .doesNotContain(NotificationEvent.DEADLINE_EXTENDED);
        assertThat(audit.callTimeline(call.getId())).extracting(AuditEvent::getType).endsWith("DEADLINE_EXTENDED");
        assertThat(audit.callTimeline(call.getId()).get(audit.callTimeline(call.getId()).size() - 1))
                .extracting(AuditEvent::getActor).isEqualTo("manager");

        // the applicant can now submit after the old deadline
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.plus(Duration.ofDays(3)));
        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "50000"));
        assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
    }

    @Test
    void stage2ExtensionBeforeSelectionIsRecordedForTheTimersStillToCome() {
        Application draft = fixtures.draft(call, lead);
        Instant newStage2 = Deadlines.endOfDay(LocalDate.of(2030, 5, 15));

        calls.extendDeadline(call.getCode(), Stage.STAGE2, newStage2, "manager");

        String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(draft.getReference())
                .singleResult().getId();
        assertThat(runtime.getVariable(pi, "stage2Deadline")).isEqualTo(Date.from(newStage2));
        assertThat(runtime.getVariable(pi, "stage1Deadline")).isEqualTo(Date.from(Fixtures.STAGE1_DEADLINE));
        assertThat(calls.get(call.getCode()).getStage2Deadline()).isEqualTo(newStage2);
    }

    @Test
    void refusesExtensionsThatAreNotExtensionsAndChangesNothing() {
        Application draft = fixtures.draft(call, lead);
        Map<String, Instant> before = timers();
        List<AuditEvent> auditBefore = audit.callTimeline(call.getId());

        assertThatThrownBy(() -> calls.extendDeadline(call.getCode(), Stage.STAGE1, Fixtures.START.minusSeconds(1), "manager"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("past")
                .extracting("field").isEqualTo("newDeadline");
        assertThatThrownBy(() -> calls.extendDeadline(call.getCode(), Stage.STAGE1,
                Fixtures.STAGE1_DEADLINE.minus(Duration.ofDays(1)), "manager"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("later");
        assertThatThrownBy(() -> calls.extendDeadline(call.getCode(), Stage.STAGE1,
                Fixtures.STAGE2_DEADLINE.plus(Duration.ofDays(1)), "manager"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("stage-2");
        assertThatThrownBy(() -> calls.extendDeadline(call.getCode(), Stage.STAGE1, null, "manager"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> calls.extendDeadline("NO-SUCH-CALL", Stage.STAGE1, NEW_STAGE1, "manager"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("NO-SUCH-CALL");

        assertThat(timers()).isEqualTo(before);
        assertThat(calls.get(call.getCode()).getStage1Deadline()).isEqualTo(Fixtures.STAGE1_DEADLINE);
        assertThat(audit.callTimeline(call.getId())).hasSameSizeAs(auditBefore);
        assertThat(notifications.sentFor(draft.getId())).extracting(OutboxMessage::getEvent)
                .containsExactly(NotificationEvent.DRAFT_STARTED);
    }

    @Test
    void refusesExtendingAStageThatIsClosed() {
        Fixtures.setClock(Fixtures.STAGE1_DEADLINE);
        String callPi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(call.getCode()).singleResult().getId();
        management.executeJob(management.createJobQuery().processInstanceId(callPi).singleResult().getId());

        assertThatThrownBy(() -> calls.extendDeadline(call.getCode(), Stage.STAGE1, NEW_STAGE1, "manager"))
                .isInstanceOf(StateConflictException.class);
        assertThat(calls.get(call.getCode()).getStage1Deadline()).isEqualTo(Fixtures.STAGE1_DEADLINE);
    }
}
