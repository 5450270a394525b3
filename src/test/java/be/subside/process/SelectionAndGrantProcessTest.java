package be.subside.process;

import static be.subside.notification.NotificationEvent.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.application.Application;
import be.subside.application.ApplicationService;
import be.subside.application.ApplicationState;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.CallState;
import be.subside.call.Stage;
import be.subside.document.Document;
import be.subside.document.DocumentService;
import be.subside.evaluation.CaseDecision;
import be.subside.evaluation.CommitteeSelection;
import be.subside.evaluation.DecisionKind;
import be.subside.evaluation.EvaluationService;
import be.subside.identity.Language;
import be.subside.identity.Organisation;
import be.subside.notification.NotificationEvent;
import be.subside.notification.OutboxMessage;
import be.subside.shared.DeadlinePassedException;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.StateConflictException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The call's selection and stage 2: CallForProjectsProcess closes stage 1 at its deadline, the committee approves a
 * ranked selection within the budget, and each GrantApplicationProcess goes on to not-selected, expiry, grant or refusal.
 */
@IntegrationTest
class SelectionAndGrantProcessTest extends ProcessTestSupport {

    static final String MOTIVATION = "Classement selon les critères de l'appel, dans la limite de l'enveloppe.";

    @Autowired
    ApplicationService applications;
    @Autowired
    EvaluationService evaluations;
    @Autowired
    CallService calls;
    @Autowired
    FormService forms;
    @Autowired
    DocumentService documents;
    @Autowired
    CommitteeSelection selections;

    Call call;
    Organisation cocof;
    Organisation cocom;

    @BeforeEach
    void openCall() {
        call = fixtures.openCall(new BigDecimal("200000"));
        cocof = fixtures.organisation(Administration.COCOF);
        cocom = fixtures.organisation(Administration.COCOM);
    }

    /** Admissible, eligible and evaluated with the given score (out of 100, spread over the five criteria). */
    ProcessInstance evaluated(Organisation lead, Organisation partner, String amount, int score) {
        Application application = fixtures.submitted(call, lead, partner, amount);
        ProcessInstance pi = processOf(application);
        String staff = lead.getCompetentAdministration() == Administration.COCOF ? "cocof-agent1" : "cocom-agent1";
        completeAs(staff, pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
        completeAs(staff, pi, "Task_CheckEligibility", Map.of("eligibilityDecision", "ELIGIBLE"));
        Map<String, Object> scores = new HashMap<>();
        for (int i = 0; i < ProcessVariables.SCORES.length; i++) {
            scores.put(ProcessVariables.SCORES[i], score / 5 + (i < score % 5 ? 1 : 0));
        }
        scores.put("evaluationComments", "Projet solide, partenariat clair et budget réaliste.");
        completeAs(fixtures.clearedEvaluator(application.getReference()), pi, "Task_EvaluateApplication", scores);
        assertThat(pi).isWaitingAt("Event_SelectionPublished");
        return pi;
    }

    ProcessInstance closeStage1() {
        ProcessInstance callPi = processOf(call);
        assertThat(callPi).isWaitingAt("Timer_Stage1Deadline");
        fixtures.passStage1Deadline(call);
        assertThat(callPi).hasPassed("Task_CloseExpiredDrafts", "Task_EndExpiredDraftProcesses")
                .isWaitingAt("Task_SelectApplications").task().hasCandidateGroup("committee");
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.STAGE1_CLOSED);
        return callPi;
    }

    /** The committee decides exactly these cases: claim, save them on the selection page, confirm and motivate. */
    void select(String... references) {
        fixtures.decideSelection(call, List.of(references));
    }

    @Test
    void proposesRankedSelectionWithinBudgetAndClosesTheOthersWithMotivation() {
        ProcessInstance best = evaluated(cocof, cocom, "120000", 90);
        ProcessInstance second = evaluated(cocom, cocof, "100000", 80);
        ProcessInstance third = evaluated(cocof, cocom, "70000", 70);
        ProcessInstance callPi = closeStage1();

        Task selection = task(callPi);
        tasks.claim(selection.getId(), "committee");
        // the claim saved the ranking's proposal as the selection, in our tables, not in the process
        CommitteeSelection.Sheet sheet = selections.sheet(call.getCode(), Fixtures.committee("committee"));
        Assertions.assertThat(sheet.lines()).extracting(l -> l.ranked().reference(), l -> l.ranked().score(),
                l -> l.ranked().proposed(), CommitteeSelection.Line::selected).containsExactly(
                Assertions.tuple(best.getBusinessKey(), 90, true, true),
                Assertions.tuple(second.getBusinessKey(), 80, false, false),
                Assertions.tuple(third.getBusinessKey(), 70, true, true));
        Assertions.assertThat(sheet.revision()).isEqualTo(1);
        Assertions.assertThat(sheet.savedCount()).isEqualTo(2);
        Assertions.assertThat(sheet.savedTotal()).isEqualByComparingTo("190000");
        Assertions.assertThat(runtime.getVariables(callPi.getId())).doesNotContainKeys("rankingSummary",
                "selectedReferences");
        Assertions.assertThat(forms.getDeployedTaskForm(selection.getId())).isNotNull();

        tasks.complete(selection.getId(), Map.of("selectionCount", 2, "selectionTotal", 190000,
                "selectionMotivation", MOTIVATION));
        // decided at once; published by the job executor, each case in its own job
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.SELECTION_DONE);
        assertThat(callPi).isWaitingAt("Task_PublishSelection");
        Assertions.assertThat(fixtures.publishSelection(call)).isEqualTo(3);

        assertThat(callPi).hasPassed("Task_PublishSelection").isWaitingAt("Timer_Stage2Deadline");
        assertThat(best).hasPassed("Task_NotifySelected").isWaitingAt("Task_SubmitSubsidyRequest");
        assertThat(third).isWaitingAt("Task_SubmitSubsidyRequest");
        assertThat(second).hasPassed("Task_NotifyNotSelected", "EndEvent_ApplicationNotSelected").isEnded();
        Application notSelected = applications.get(second.getBusinessKey());
        Assertions.assertThat(notSelected.getState()).isEqualTo(ApplicationState.NOT_SELECTED);
        Assertions.assertThat(notified(notSelected)).endsWith(NOT_SELECTED);
        Assertions.assertThat(evaluations.decisions(notSelected.getId())).filteredOn(d -> d.getKind() == DecisionKind.SELECTION)
                .singleElement().extracting(CaseDecision::getOutcome, CaseDecision::getMotivation)
                .containsExactly("NOT_SELECTED", MOTIVATION);
    }

    @Test
    void refusesSelectionOverBudgetUnknownStaleOrWithoutMotivationAndChangesNothing() {
        ProcessInstance a = evaluated(cocof, cocom, "120000", 90);
        ProcessInstance b = evaluated(cocom, cocof, "100000", 80);
        ProcessInstance callPi = closeStage1();
        Task selection = task(callPi);
        tasks.claim(selection.getId(), "committee");
        be.subside.identity.Caller committee = Fixtures.committee("committee");

        // the proposal (a alone) was saved by the claim; the page refuses what breaks a rule
        Assertions.assertThatThrownBy(() -> selections.save(call.getCode(), List.of(a.getBusinessKey(),
                b.getBusinessKey()), 1, committee)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("budget envelope").extracting("field").isEqualTo("selected");
        Assertions.assertThatThrownBy(() -> selections.save(call.getCode(), List.of("ANM-1999-0001"), 1, committee))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ANM-1999-0001");
        Assertions.assertThat(selections.sheet(call.getCode(), committee).revision()).isEqualTo(1);

        // b instead of a is saved; a form still confirming a's figures is stale
        selections.save(call.getCode(), List.of(b.getBusinessKey()), 1, committee);
        Assertions.assertThatThrownBy(() -> tasks.complete(selection.getId(), Map.of("selectionCount", 1,
                "selectionTotal", 120000, "selectionMotivation", MOTIVATION)))
                .rootCause().isInstanceOf(InvalidInputException.class).hasMessageContaining("selectionTotal")
                .extracting("field").isEqualTo("selectionTotal");
        Assertions.assertThatThrownBy(() -> tasks.complete(selection.getId(), Map.of("selectionCount", 2,
                "selectionTotal", 100000, "selectionMotivation", MOTIVATION)))
                .rootCause().isInstanceOf(InvalidInputException.class).hasMessageContaining("selectionCount");
        Assertions.assertThatThrownBy(() -> tasks.complete(selection.getId(), Map.of("selectionCount", 1,
                "selectionTotal", 100000, "selectionMotivation", " ")))
                .rootCause().isInstanceOf(InvalidInputException.class).hasMessageContaining("selectionMotivation");

        assertThat(callPi).isWaitingAt("Task_SelectApplications");
        assertThat(a).isWaitingAt("Event_SelectionPublished");
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.STAGE1_CLOSED);
        Assertions.assertThat(applications.get(a.getBusinessKey()).getState()).isEqualTo(ApplicationState.EVALUATED);
        Assertions.assertThat(evaluations.decisions(applications.get(a.getBusinessKey()).getId()))
                .noneMatch(d -> d.getKind() == DecisionKind.SELECTION);

        // with the saved figures, the decision goes through: b selected, a not
        tasks.complete(selection.getId(), Map.of("selectionCount", 1, "selectionTotal", 100000.0,
                "selectionMotivation", MOTIVATION));
        fixtures.publishSelection(call);
        Assertions.assertThat(applications.get(b.getBusinessKey()).getState()).isEqualTo(ApplicationState.SELECTED);
        Assertions.assertThat(applications.get(a.getBusinessKey()).getState()).isEqualTo(ApplicationState.NOT_SELECTED);
        Assertions.assertThatThrownBy(() -> selections.save(call.getCode(), List.of(a.getBusinessKey()), 2, committee))
                .as("decided: the selection no longer changes").isInstanceOf(StateConflictException.class);
    }

    @Test
    void committeeCannotClaimWhileCasesAreStillUnderExamination() {
        evaluated(cocof, cocom, "50000", 60);
        Application pending = fixtures.submitted(call, cocom, cocof, "40000");
        ProcessInstance callPi = closeStage1();

        Task selection = task(callPi);
        Assertions.assertThatThrownBy(() -> tasks.claim(selection.getId(), "committee"))
                .rootCause().isInstanceOf(StateConflictException.class).hasMessageContaining(pending.getReference());
        Assertions.assertThat(tasks.createTaskQuery().taskId(selection.getId()).singleResult().getAssignee()).isNull();
    }

    @Test
    void closesSubsidyRequestNotSubmittedByStage2Deadline() {
        ProcessInstance pi = evaluated(cocof, cocom, "80000", 75);
        ProcessInstance callPi = closeStage1();
        select(pi.getBusinessKey());
        assertThat(pi).isWaitingAt("Task_SubmitSubsidyRequest").task().isAssignedTo(Fixtures.user(cocof));
        Assertions.assertThat(timer(pi, "Timer_Stage2Deadline").getDuedate().toInstant())
                .isEqualTo(Fixtures.STAGE2_DEADLINE);

        Fixtures.setClock(Fixtures.STAGE2_DEADLINE);
        execute(job("Timer_Stage2Deadline"));

        assertThat(pi).hasPassed("Task_CloseExpiredSubsidyRequest", "EndEvent_SubsidyRequestExpired").isEnded();
        Application expired = applications.get(pi.getBusinessKey());
        Assertions.assertThat(expired.getState()).isEqualTo(ApplicationState.STAGE2_EXPIRED);
        Assertions.assertThat(notified(expired)).endsWith(SUBSIDY_REQUEST_CLOSED);
        Assertions.assertThatThrownBy(() -> applications.submitStage2(pi.getBusinessKey(), Fixtures.user(cocof),
                Fixtures.stage2("80000"))).isInstanceOf(DeadlinePassedException.class);

        assertThat(callPi).isWaitingAt("Timer_Stage2Deadline");
        execute(job("Timer_Stage2Deadline"));
        assertThat(callPi).hasPassed("EndEvent_CallClosed").isEnded();
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.DECIDED);
    }

    @Test
    void grantsSubsidyDecidedByASecondStaffMember() {
        ProcessInstance pi = evaluated(cocof, cocom, "80000", 75);
        ProcessInstance callPi = closeStage1();
        select(pi.getBusinessKey());

        Fixtures.setClock(Fixtures.STAGE2_DEADLINE.minusSeconds(3600));
        fixtures.submitStage2(pi.getBusinessKey(), cocof, "80000");
        assertThat(pi).hasPassed("Task_NotifyStage2Submitted").isWaitingAt("Task_AnalyseSubsidyRequest")
                .task().hasCandidateGroup("staff-cocof");

        completeAs("cocof-agent1", pi, "Task_AnalyseSubsidyRequest", Map.of("analysisOpinion", "FAVOURABLE",
                "proposedAmount", 75000, "analysisReport", "Budget cohérent ; ramener les frais de coordination."));
        assertThat(pi).isWaitingAt("Task_DecideGrant");
        Task decision = task(pi);
        Assertions.assertThatThrownBy(() -> tasks.claim(decision.getId(), "cocof-agent1"))
                .rootCause().isInstanceOf(ForbiddenException.class).hasMessageContaining("Four-eyes");

        completeAs("cocof-agent2", pi, "Task_DecideGrant", Map.of("grantDecision", "GRANTED", "grantedAmount", 75000.5,
                "grantConditions", "Rapport d'activité annuel.", "grantMotivation",
                "Projet conforme à l'appel ; montant ajusté selon l'analyse."));

        assertThat(pi).hasPassed("Task_NotifyGranted", "EndEvent_GrantAwarded").isEnded();
        Application granted = applications.get(pi.getBusinessKey());
        Assertions.assertThat(granted.getState()).isEqualTo(ApplicationState.GRANTED);
        Assertions.assertThat(granted.getStage2().requestedAmount()).isEqualByComparingTo("80000");
        Assertions.assertThat(granted.getStage2().projectStartDate()).isEqualTo(java.time.LocalDate.of(2030, 6, 1));
        Assertions.assertThat(granted.getStage2().durationMonths()).isEqualTo(24);
        Assertions.assertThat(granted.getStage2SubmittedAt()).isEqualTo(Fixtures.STAGE2_DEADLINE.minusSeconds(3600));
        Assertions.assertThat(documents.current(granted.getId(), Stage.STAGE2)).extracting(Document::getSlotKey)
                .containsExactly("DETAILED_BUDGET", "RECEIPT#STAGE2");
        Assertions.assertThat(documents.current(granted.getId(), Stage.STAGE1)).extracting(Document::getSlotKey)
                .containsExactly("STATUTES", "RECEIPT#STAGE1");
        Assertions.assertThat(evaluations.decisions(granted.getId())).filteredOn(d -> d.getKind() == DecisionKind.GRANT)
                .singleElement().satisfies(d -> {
                    Assertions.assertThat(d.getAmount()).isEqualByComparingTo("75000.50");
                    Assertions.assertThat(d.getDecidedBy()).isEqualTo("cocof-agent2");
                });
        Assertions.assertThat(notified(granted)).containsExactly(DRAFT_STARTED, STAGE1_SUBMITTED, SELECTED,
                STAGE2_SUBMITTED, GRANTED);
        java.util.Map<NotificationEvent, OutboxMessage> mails = notifications.sentFor(granted.getId()).stream()
                .collect(java.util.stream.Collectors.toMap(OutboxMessage::getEvent, m -> m));
        Assertions.assertThat(mails.get(SELECTED).getBodyText()).contains("24 avril 2030 à 24:00", "Europe/Brussels");
        Assertions.assertThat(mails.get(GRANTED).getBodyText()).containsPattern("75[\\s\u00a0\u202f]000,50[\\s\u00a0\u202f]?€")
                .contains("Rapport d'activité annuel.");
        Assertions.assertThat(mails.get(STAGE2_SUBMITTED).getAttachmentDocumentId()).isNotNull();
        Assertions.assertThat(mails.values()).extracting(OutboxMessage::getLanguage).containsOnly(Language.FR)
                .hasSize(5);

        Fixtures.setClock(Fixtures.STAGE2_DEADLINE);
        execute(job("Timer_Stage2Deadline", callPi));
        Assertions.assertThat(calls.get(call.getCode()).getState()).isEqualTo(CallState.DECIDED);
    }

    @Test
    void refusesGrantWithMotivationOnly() {
        ProcessInstance pi = evaluated(cocom, cocof, "80000", 75);
        ProcessInstance callPi = closeStage1();
        select(pi.getBusinessKey());
        fixtures.submitStage2(pi.getBusinessKey(), cocom, "80000");
        completeAs("cocom-agent1", pi, "Task_AnalyseSubsidyRequest", Map.of("analysisOpinion", "UNFAVOURABLE",
                "proposedAmount", 0, "analysisReport", "Le budget détaillé ne couvre pas les dépenses annoncées."));

        Assertions.assertThatThrownBy(() -> completeAs("cocom-agent2", pi, "Task_DecideGrant",
                Map.of("grantDecision", "REFUSED"))).rootCause().isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("grantMotivation");
        Assertions.assertThat(applications.get(pi.getBusinessKey()).getState()).isEqualTo(ApplicationState.ANALYSED);

        tasks.complete(task(pi).getId(), Map.of("grantDecision", "REFUSED", "grantMotivation",
                "Le budget détaillé ne permet pas de vérifier l'affectation de la subvention."));
        assertThat(pi).hasPassed("Task_NotifyGrantRefused", "EndEvent_GrantRefused").isEnded();
        Application refused = applications.get(pi.getBusinessKey());
        Assertions.assertThat(refused.getState()).isEqualTo(ApplicationState.REFUSED);
        Assertions.assertThat(notified(refused)).endsWith(GRANT_REFUSED);
        OutboxMessage refusal = notifications.sentFor(refused.getId()).get(notifications.sentFor(refused.getId()).size() - 1);
        Assertions.assertThat(refusal.getLanguage()).isEqualTo(Language.NL);
        Assertions.assertThat(refusal.getRecipient()).isEqualTo(cocom.getContactEmail());
        Assertions.assertThat(refusal.getBodyText()).contains(
                "Le budget détaillé ne permet pas de vérifier l'affectation de la subvention.");
        Assertions.assertThat(refusal.getBodyHtml()).contains("lang=\"nl\"");
    }

    @Test
    void staffTextsLongerThanTheEngineKeepsAreRefusedByNameAndFourThousandCharactersPass() {
        ProcessInstance pi = evaluated(cocof, cocom, "80000", 75);
        closeStage1();
        select(pi.getBusinessKey());
        fixtures.submitStage2(pi.getBusinessKey(), cocof, "80000");
        String longest = "Budget cohérent, plan de travail réaliste ; ".repeat(100).substring(0, 3999) + ".";
        refusedNaming("analysisReport", "cocof-agent1", pi, "Task_AnalyseSubsidyRequest", Map.of("analysisOpinion",
                "FAVOURABLE", "proposedAmount", 80000, "analysisReport", longest + "x"));
        assertThat(pi).isWaitingAt("Task_AnalyseSubsidyRequest");
        Assertions.assertThat(applications.get(pi.getBusinessKey()).getState()).isEqualTo(ApplicationState.STAGE2_SUBMITTED);

        // 4,000 characters are kept whole, by the engine (on PostgreSQL) and in our decision
        completeAs("cocof-agent1", pi, "Task_AnalyseSubsidyRequest", Map.of("analysisOpinion", "FAVOURABLE",
                "proposedAmount", 80000, "analysisReport", longest));
        assertThat(pi).isWaitingAt("Task_DecideGrant");
        Assertions.assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("analysisReport").singleResult().getValue()).isEqualTo(longest);

        refusedNaming("grantMotivation", "cocof-agent2", pi, "Task_DecideGrant", Map.of("grantDecision", "GRANTED",
                "grantedAmount", 80000, "grantMotivation", longest + "x"));
        refusedNaming("grantConditions", "cocof-agent2", pi, "Task_DecideGrant", Map.of("grantDecision", "GRANTED",
                "grantedAmount", 80000, "grantMotivation", "Projet conforme à l'appel à projets.", "grantConditions",
                longest + "x"));
        assertThat(pi).isWaitingAt("Task_DecideGrant");
        completeAs("cocof-agent2", pi, "Task_DecideGrant", Map.of("grantDecision", "GRANTED", "grantedAmount", 80000,
                "grantMotivation", longest, "grantConditions", longest));
        Assertions.assertThat(applications.get(pi.getBusinessKey()).getState()).isEqualTo(ApplicationState.GRANTED);
    }

    /** Completing the task with these values is refused as bad input of {@code field}. */
    private void refusedNaming(String field, String user, ProcessInstance pi, String taskKey, Map<String, Object> values) {
        Assertions.assertThatThrownBy(() -> completeAs(user, pi, taskKey, values)).rootCause()
                .isInstanceOfSatisfying(InvalidInputException.class, e -> Assertions.assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void analystCompletingTheGrantDecisionThroughTheApiIsRefused() {
        ProcessInstance pi = evaluated(cocof, cocom, "80000", 75);
        closeStage1();
        select(pi.getBusinessKey());
        fixtures.submitStage2(pi.getBusinessKey(), cocof, "80000");
        completeAs("cocof-agent1", pi, "Task_AnalyseSubsidyRequest", Map.of("analysisOpinion", "FAVOURABLE",
                "proposedAmount", 80000, "analysisReport", "Dossier complet, budget cohérent et réaliste."));

        engine.getIdentityService().setAuthentication("cocof-agent1", List.of("staff-cocof"));
        try {
            Assertions.assertThatThrownBy(() -> tasks.complete(task(pi).getId(), Map.of("grantDecision", "GRANTED",
                    "grantedAmount", 80000, "grantMotivation", "Projet conforme à l'appel à projets.")))
                    .rootCause().isInstanceOf(ForbiddenException.class);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
        assertThat(pi).isWaitingAt("Task_DecideGrant");
        Assertions.assertThat(applications.get(pi.getBusinessKey()).getState()).isEqualTo(ApplicationState.ANALYSED);
    }
}
