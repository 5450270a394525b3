package be.subside.process;

import static be.subside.notification.NotificationEvent.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.application.InformationRequest;
import be.subside.audit.AuditEvent;
import be.subside.audit.AuditTrail;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.evaluation.CaseDecision;
import be.subside.evaluation.DecisionKind;
import be.subside.evaluation.EvaluationService;
import be.subside.identity.Organisation;
import be.subside.notification.OutboxMessage;
import be.subside.shared.DeadlinePassedException;
import be.subside.shared.Deadlines;
import be.subside.shared.InvalidInputException;
import be.subside.shared.StateConflictException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stage 1 and the admissibility and eligibility checks of GrantApplicationProcess, driven through the real model. */
@IntegrationTest
class GrantApplicationProcessTest extends ProcessTestSupport {

    @Autowired
    ApplicationService applications;
    @Autowired
    EvaluationService evaluations;
    @Autowired
    AuditTrail audit;

    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeEach
    void openCall() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
    }

    @Test
    void submitsPreliminaryDossierBeforeStage1Deadline() {
        Application draft = fixtures.draft(call, lead);
        ProcessInstance pi = processOf(draft);
        assertThat(pi).isWaitingAt("Task_SubmitPreliminaryDossier").task().isAssignedTo(Fixtures.user(lead));
        Assertions.assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(ProcessKeys.MESSAGE_STAGE1_CLOSED).count()).as("the draft waits for the call's closing").isOne();

        Fixtures.setClock(Fixtures.STAGE1_DEADLINE.minusSeconds(1));
        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "80000"));

        assertThat(pi).hasPassed("EndEvent_PreliminaryDossierSubmitted").isWaitingAt("Task_CheckAdmissibility")
                .task().hasCandidateGroup("staff-cocof");
        Assertions.assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(ProcessKeys.MESSAGE_STAGE1_CLOSED).count()).isZero();
        Assertions.assertThat(timer(pi, "Timer_Stage1Reminder")).isNull();
        Application submitted = applications.get(draft.getReference());
        Assertions.assertThat(submitted.getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        Assertions.assertThat(submitted.getStage1SubmittedAt()).isEqualTo(Fixtures.STAGE1_DEADLINE.minusSeconds(1));
        Assertions.assertThat(submitted.getPartners()).extracting(Organisation::getId).containsExactly(partner.getId());
        Assertions.assertThat(notified(draft)).containsExactly(DRAFT_STARTED, STAGE1_SUBMITTED);
    }

    @Test
    void closesDraftWhenStage1DeadlinePasses() {
        Application draft = fixtures.draft(call, lead);
        ProcessInstance pi = processOf(draft);
        assertThat(pi).isWaitingAt("Task_SubmitPreliminaryDossier");

        fixtures.passStage1Deadline(call);

        assertThat(pi).hasPassed("Event_Stage1Closed", "EndEvent_DraftExpired").isEnded();
        Assertions.assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
        Assertions.assertThat(notified(draft)).containsExactly(DRAFT_STARTED, DRAFT_CLOSED);
        Assertions.assertThatThrownBy(() -> applications.submitStage1(draft.getReference(), Fixtures.user(lead),
                Fixtures.stage1(partner, "80000"))).isInstanceOf(DeadlinePassedException.class);
        Assertions.assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
    }

    /**
     * The call's stage-1 deadline closes all its open drafts, three per batch here (the test configuration): eight
     * drafts take three batches. Each draft is closed once with one audit entry and one closing mail, and its process
     * ends; the submitted case and another call's draft are left alone.
     */
    @Test
    void closesEveryOpenDraftOfTheCallOnceInBatchesAndNothingElse() {
        java.util.List<Application> drafts = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> fixtures.draft(call, i % 2 == 0 ? lead : partner)).toList();
        Application submitted = fixtures.submitted(call, lead, partner, "80000");
        Call otherCall = fixtures.openCall();
        Application otherDraft = fixtures.draft(otherCall, lead);
        java.util.List<ProcessInstance> processes = drafts.stream().map(this::processOf).toList();
        ProcessInstance callPi = processOf(call);

        fixtures.passStage1Deadline(call);

        assertThat(callPi).hasPassed("Task_CloseStage1", "Task_CloseExpiredDrafts", "Task_EndExpiredDraftProcesses")
                .isWaitingAt("Task_SelectApplications");
        Assertions.assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(callPi.getId())
                .activityId("Task_CloseExpiredDrafts").count()).as("batches of three").isEqualTo(3);
        for (int i = 0; i < drafts.size(); i++) {
            Application draft = drafts.get(i);
            assertThat(processes.get(i)).hasPassed("Event_Stage1Closed", "EndEvent_DraftExpired").isEnded();
            Assertions.assertThat(applications.get(draft.getId()).getState()).isEqualTo(ApplicationState.DRAFT_EXPIRED);
            Assertions.assertThat(applications.get(draft.getId()).getClosedAt()).isEqualTo(Fixtures.STAGE1_DEADLINE);
            Assertions.assertThat(notified(draft)).containsExactly(DRAFT_STARTED, DRAFT_CLOSED);
            Assertions.assertThat(audit.caseTimeline(draft.getId())).extracting(AuditEvent::getType)
                    .containsOnlyOnce("DRAFT_EXPIRED", "MAIL_QUEUED_DRAFT_CLOSED");
        }
        OutboxMessage french = notifications.sentFor(drafts.get(0).getId()).get(1);
        Assertions.assertThat(french.getRecipient()).isEqualTo(lead.getContactEmail());
        Assertions.assertThat(french.getSubject()).contains(drafts.get(0).getReference(), "clôturé");
        Assertions.assertThat(french.getBodyText()).contains(lead.getName(), "31 mars 2030");
        OutboxMessage dutch = notifications.sentFor(drafts.get(1).getId()).get(1);
        Assertions.assertThat(dutch.getRecipient()).isEqualTo(partner.getContactEmail());
        Assertions.assertThat(dutch.getSubject()).contains(drafts.get(1).getReference());
        Assertions.assertThat(dutch.getBodyText()).contains(partner.getName(), "31 maart 2030");

        assertThat(processOf(submitted)).isWaitingAt("Task_CheckAdmissibility");
        Assertions.assertThat(applications.get(submitted.getId()).getState()).isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        Assertions.assertThat(notified(submitted)).doesNotContain(DRAFT_CLOSED);
        assertThat(processOf(otherDraft)).isWaitingAt("Task_SubmitPreliminaryDossier");
        Assertions.assertThat(applications.get(otherDraft.getId()).getState()).isEqualTo(ApplicationState.DRAFT);
        Assertions.assertThat(notified(otherDraft)).containsExactly(DRAFT_STARTED);

        // a closing batch run again (a job retried after its transaction committed) finds nothing left to close
        Assertions.assertThat(applications.expireDrafts(call.getCode(), 3)).isEmpty();
        Assertions.assertThat(applications.hasOpenDrafts(call.getCode())).isFalse();
        // and the other call's drafts stay open until its own stage 1 closes
        Assertions.assertThatThrownBy(() -> applications.expireDrafts(otherCall.getCode(), 3))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("is not closed");
    }

    @Test
    void remindsApplicantBeforeStage1DeadlineAndNotAfterSubmission() {
        Application draft = fixtures.draft(call, lead);
        ProcessInstance pi = processOf(draft);
        assertThat(pi).isWaitingAt("Task_SubmitPreliminaryDossier", "Timer_Stage1Reminder");

        for (int days : new int[] {14, 7, 1}) {
            Instant due = Fixtures.STAGE1_DEADLINE.minus(Duration.ofDays(days));
            Assertions.assertThat(timer(pi, "Timer_Stage1Reminder").getDuedate().toInstant()).isEqualTo(due);
            Fixtures.setClock(due);
            execute(job("Timer_Stage1Reminder"));
        }
        assertThat(pi).hasPassed("EndEvent_Stage1RemindersDone").isWaitingAt("Task_SubmitPreliminaryDossier");
        Assertions.assertThat(notified(draft)).containsExactly(DRAFT_STARTED, STAGE1_REMINDER, STAGE1_REMINDER,
                STAGE1_REMINDER);
    }

    @Test
    void sendsNoReminderOnceSubmitted() {
        Application draft = fixtures.draft(call, lead);
        ProcessInstance pi = processOf(draft);
        applications.submitStage1(draft.getReference(), Fixtures.user(lead), Fixtures.stage1(partner, "80000"));

        assertThat(pi).isWaitingAt("Task_CheckAdmissibility");
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(notified(draft)).doesNotContain(STAGE1_REMINDER);
    }

    @Test
    void requestsMissingInformationAndGetsItInTime() {
        Application application = fixtures.submitted(call, lead, partner, "80000");
        ProcessInstance pi = processOf(application);

        requestStatutesWithin10Days(pi);

        Instant responseDeadline = Deadlines.endOfDay(LocalDate.of(2030, 3, 11));
        assertThat(pi).isWaitingAt("Task_ProvideMissingInformation").task().isAssignedTo(Fixtures.user(lead));
        Assertions.assertThat(timer(pi, "Timer_MissingInformationDeadline").getDuedate().toInstant())
                .isEqualTo(responseDeadline);
        Assertions.assertThat(applications.get(application.getId()).getState())
                .isEqualTo(ApplicationState.INFORMATION_REQUESTED);

        Fixtures.setClock(responseDeadline.minusSeconds(60));
        applications.provideMissingInformation(application.getReference(), Fixtures.user(lead), "Statuts joints.");

        assertThat(pi).hasPassed("Task_ProvideMissingInformation").isWaitingAt("Task_CheckAdmissibility");
        Assertions.assertThat(applications.informationRequests(application.getId())).singleElement()
                .extracting(InformationRequest::getStatus).isEqualTo(InformationRequest.Status.ANSWERED);
        completeAs("cocof-agent1", pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
        assertThat(pi).isWaitingAt("Task_CheckEligibility");
        Assertions.assertThat(notified(application)).contains(INFORMATION_REQUESTED);
    }

    @Test
    void returnsToStaffWhenMissingInformationIsNotProvidedInTime() {
        Application application = fixtures.submitted(call, lead, partner, "80000");
        ProcessInstance pi = processOf(application);
        requestStatutesWithin10Days(pi);

        assertThat(pi).isWaitingAt("Task_ProvideMissingInformation");

        Fixtures.setClock(Deadlines.endOfDay(LocalDate.of(2030, 3, 11)));
        execute(job("Timer_MissingInformationDeadline"));

        assertThat(pi).hasPassed("Task_RecordUnansweredRequest").isWaitingAt("Task_CheckAdmissibility");
        Assertions.assertThat(applications.informationRequests(application.getId())).singleElement()
                .extracting(InformationRequest::getStatus).isEqualTo(InformationRequest.Status.UNANSWERED);
        Assertions.assertThatThrownBy(() -> applications.provideMissingInformation(application.getReference(),
                Fixtures.user(lead), "Trop tard")).isInstanceOf(StateConflictException.class);

        completeAs("cocof-agent1", pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "INADMISSIBLE",
                "admissibilityMotivation", "Les statuts demandés n'ont pas été fournis dans le délai."));
        assertThat(pi).hasPassed("EndEvent_ApplicationInadmissible").isEnded();
        Assertions.assertThat(applications.get(application.getId()).getState()).isEqualTo(ApplicationState.INADMISSIBLE);
        Assertions.assertThat(notified(application)).endsWith(INADMISSIBLE);
    }

    void requestStatutesWithin10Days(ProcessInstance pi) {
        completeAs("cocof-agent1", pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "INCOMPLETE",
                "missingInformation", "Les statuts du partenaire", "responseDays", 10));
    }

    @Test
    void closesIneligibleApplicationWithItsMotivation() {
        Application application = fixtures.submitted(call, lead, partner, "80000");
        ProcessInstance pi = processOf(application);
        completeAs("cocof-agent1", pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
        completeAs("cocof-agent2", pi, "Task_CheckEligibility", Map.of("eligibilityDecision", "INELIGIBLE",
                "eligibilityMotivation", "Le projet ne relève d'aucune forme de mutualisation de l'appel."));

        assertThat(pi).hasPassed("EndEvent_ApplicationIneligible").isEnded();
        Assertions.assertThat(applications.get(application.getId()).getState()).isEqualTo(ApplicationState.INELIGIBLE);
        Assertions.assertThat(evaluations.decisions(application.getId())).extracting(CaseDecision::getKind,
                CaseDecision::getOutcome, CaseDecision::getDecidedBy).containsExactly(
                        Assertions.tuple(DecisionKind.ADMISSIBILITY, "ADMISSIBLE", "cocof-agent1"),
                        Assertions.tuple(DecisionKind.ELIGIBILITY, "INELIGIBLE", "cocof-agent2"));
        Assertions.assertThat(evaluations.decisions(application.getId()).get(1).getMotivation())
                .startsWith("Le projet ne relève");
        Assertions.assertThat(notified(application)).endsWith(INELIGIBLE);
    }

    @Test
    void refusesIneligibilityWithoutMotivation() {
        Application application = fixtures.submitted(call, lead, partner, "80000");
        ProcessInstance pi = processOf(application);
        completeAs("cocof-agent1", pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));

        for (String motivation : new String[] {"", "   ", "Non."}) {
            Assertions.assertThatThrownBy(() -> completeAs("cocof-agent1", pi, "Task_CheckEligibility",
                    Map.of("eligibilityDecision", "INELIGIBLE", "eligibilityMotivation", motivation)))
                    .hasRootCauseInstanceOf(InvalidInputException.class)
                    .rootCause().hasMessageContaining("eligibilityMotivation");
        }
        Assertions.assertThatThrownBy(() -> completeAs("cocof-agent1", pi, "Task_CheckEligibility",
                Map.of("eligibilityDecision", "INELIGIBLE"))).hasRootCauseInstanceOf(InvalidInputException.class);

        assertThat(pi).isWaitingAt("Task_CheckEligibility");
        Assertions.assertThat(applications.get(application.getId()).getState()).isEqualTo(ApplicationState.ADMISSIBLE);
        Assertions.assertThat(evaluations.decisions(application.getId())).extracting(CaseDecision::getKind)
                .containsExactly(DecisionKind.ADMISSIBILITY);
        Assertions.assertThat(runtime.getVariable(pi.getId(), "eligibilityDecision")).isNull();
    }

    @Test
    void refusesInadmissibilityWithoutMotivation() {
        Application application = fixtures.submitted(call, lead, partner, "80000");
        ProcessInstance pi = processOf(application);

        Assertions.assertThatThrownBy(() -> completeAs("cocof-agent1", pi, "Task_CheckAdmissibility",
                Map.of("admissibilityDecision", "INADMISSIBLE"))).hasRootCauseInstanceOf(InvalidInputException.class);

        assertThat(pi).isWaitingAt("Task_CheckAdmissibility");
        Assertions.assertThat(applications.get(application.getId()).getState())
                .isEqualTo(ApplicationState.STAGE1_SUBMITTED);
        Assertions.assertThat(evaluations.decisions(application.getId())).isEmpty();
    }
}
