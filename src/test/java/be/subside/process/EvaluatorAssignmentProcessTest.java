package be.subside.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import be.subside.Fixtures;
import be.subside.IntegrationTest;
import be.subside.StaffUsers;
import be.subside.application.Application;
import be.subside.application.ApplicationState;
import be.subside.application.CaseReaders;
import be.subside.audit.AuditEvent;
import be.subside.audit.AuditTrail;
import be.subside.call.Administration;
import be.subside.call.Call;
import be.subside.evaluation.EvaluatorAssignment;
import be.subside.evaluation.EvaluatorAssignments;
import be.subside.identity.Caller;
import be.subside.identity.Organisation;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An eligible case goes to one evaluator, chosen by the process; the evaluator sees only its parties until they declare
 * on their honour that they have no conflict of interest; then, and only then, the process grants them the case.
 */
@IntegrationTest
class EvaluatorAssignmentProcessTest extends ProcessTestSupport {

    static final String STATEMENT = "Je siège au conseil d'administration du partenaire depuis 2029.";

    @Autowired
    EvaluatorAssignments assignments;
    @Autowired
    CaseReaders readers;
    @Autowired
    AuditTrail audit;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;

    Call call;
    Organisation lead;
    Organisation partner;

    @BeforeEach
    void eligibleCaseWaitsForItsEvaluator() {
        call = fixtures.openCall();
        lead = fixtures.organisation(Administration.COCOF);
        partner = fixtures.organisation(Administration.COCOM);
        StaffUsers.ensure(identity, Fixtures.EVALUATOR, "evaluators", Fixtures.EVALUATOR_PASSWORD);
        StaffUsers.ensure(identity, "evaluator-second", "evaluators", Fixtures.EVALUATOR_PASSWORD);
    }

    @AfterEach
    void logout() {
        identity.clearAuthentication();
        Fixtures.resetClock();
    }

    ProcessInstance eligible() {
        Application application = fixtures.submitted(call, lead, partner, "80000");
        ProcessInstance pi = processOf(application);
        completeAs("cocof-agent1", pi, "Task_CheckAdmissibility", Map.of("admissibilityDecision", "ADMISSIBLE"));
        completeAs("cocof-agent1", pi, "Task_CheckEligibility", Map.of("eligibilityDecision", "ELIGIBLE"));
        assertThat(pi).isWaitingAt("Task_AssignEvaluator");
        return pi;
    }

    Application application(ProcessInstance pi) {
        return readers.forReader(pi.getBusinessKey(), Caller.staff("cocof-agent1", Set.of("staff-cocof")));
    }

    static Caller evaluator(String id) {
        return Caller.staff(id, Set.of("evaluators"));
    }

    <T> T as(String user, Supplier<T> action) {
        identity.setAuthentication(user, List.of("evaluators"));
        try {
            return action.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    long grantsOf(String user, String processInstanceId) {
        return authorizations.createAuthorizationQuery().userIdIn(user).resourceId(processInstanceId).count();
    }

    Task declaration(ProcessInstance pi) {
        return fixtures.declarationTask(pi.getBusinessKey());
    }

    void declare(ProcessInstance pi, String evaluator, Map<String, Object> declaration) {
        Task task = declaration(pi);
        as(evaluator, () -> {
            tasks.complete(task.getId(), declaration);
            return null;
        });
    }

    List<String> auditTypes(ProcessInstance pi) {
        return audit.caseTimeline(application(pi).getId()).stream().map(AuditEvent::getType).toList();
    }

    @Test
    void theEvaluatorSeesTheCaseOnlyAfterDeclaringNoConflictOfInterest() {
        ProcessInstance pi = eligible();
        execute(job("Task_AssignEvaluator"));

        String evaluator = (String) runtime.getVariable(pi.getId(), "evaluatorId");
        Assertions.assertThat(identity.createUserQuery().memberOfGroup("evaluators").userId(evaluator).count()).isOne();
        assertThat(pi).isWaitingAt("CallActivity_DeclareConflictOfInterest");
        Task declaration = declaration(pi);
        assertThat(declaration).isAssignedTo(evaluator);
        Assertions.assertThat(runtime.getVariables(declaration.getProcessInstanceId())).as("only ids reach the declaration")
                .containsOnlyKeys("applicationId", "applicationReference", "evaluatorId", "caseProcessInstanceId");
        Application application = application(pi);

        // before the declaration: the parties, nothing else
        Assertions.assertThat(readers.mayRead(application, evaluator(evaluator))).isFalse();
        Assertions.assertThat(readers.forReaderOrAssignedEvaluator(application.getReference(), evaluator(evaluator)))
                .extracting(Application::getReference).isEqualTo(application.getReference());
        Assertions.assertThatThrownBy(() -> readers.forReader(application.getReference(), evaluator(evaluator)))
                .isInstanceOf(NotFoundException.class);
        Assertions.assertThat(grantsOf(evaluator, pi.getId())).isZero();
        Assertions.assertThat(as(evaluator, () -> runtime.createProcessInstanceQuery().processInstanceId(pi.getId())
                .count())).isZero();
        Assertions.assertThat(as(evaluator, () -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId()).count())).isZero();
        Assertions.assertThat(as(evaluator, () -> history.createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).count())).isZero();
        Assertions.assertThat(as(evaluator, () -> tasks.getVariables(declaration.getId()))).doesNotContainKeys(
                "applicantUserId", "staffGroup", "admissibilityDecision", "eligibilityDecision");

        declare(pi, evaluator, Map.of("conflictDeclaration", "NO_CONFLICT", "declarationSworn", true));

        assertThat(pi).isWaitingAt("Task_EvaluateApplication");
        assertThat(task()).isAssignedTo(evaluator);
        Assertions.assertThat(readers.forReader(application.getReference(), evaluator(evaluator)).getReference())
                .isEqualTo(application.getReference());
        Assertions.assertThat(grantsOf(evaluator, pi.getId())).isEqualTo(2);
        Assertions.assertThat(as(evaluator, () -> runtime.getVariables(pi.getId()))).containsEntry("evaluatorId", evaluator)
                .doesNotContainKeys("conflictStatement", "declarationSworn");
        Assertions.assertThat(as(evaluator, () -> history.createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId()).count())).isOne();
        Assertions.assertThat(auditTypes(pi)).containsSubsequence("ELIGIBILITY_ELIGIBLE", "EVALUATOR_ASSIGNED",
                "NO_CONFLICT_OF_INTEREST_DECLARED");

        // the evaluation is theirs alone
        String other = Fixtures.EVALUATOR.equals(evaluator) ? "evaluator-second" : Fixtures.EVALUATOR;
        String taskId = task().getId();
        Assertions.assertThat(as(other, () -> tasks.createTaskQuery().taskId(taskId).count())).isZero();
        Assertions.assertThatThrownBy(() -> as(other, () -> {
            tasks.complete(taskId, scores());
            return null;
        })).isInstanceOf(AuthorizationException.class);
        Assertions.assertThatThrownBy(() -> tasks.setAssignee(taskId, other))
                .hasRootCauseInstanceOf(ForbiddenException.class).rootCause().hasMessageContaining("evaluator");
        Assertions.assertThatThrownBy(() -> tasks.setAssignee(taskId, null))
                .hasRootCauseInstanceOf(ForbiddenException.class);
        Assertions.assertThat(readers.mayRead(application, evaluator(other))).isFalse();
        assertThat(task()).isAssignedTo(evaluator);

        as(evaluator, () -> {
            tasks.complete(taskId, scores());
            return null;
        });
        assertThat(pi).isWaitingAt("Event_SelectionPublished");
        Assertions.assertThat(auditTypes(pi)).contains("EVALUATION_SCORED");
    }

    static Map<String, Object> scores() {
        Map<String, Object> scores = new HashMap<>();
        for (String criterion : ProcessVariables.SCORES) {
            scores.put(criterion, 14);
        }
        scores.put("evaluationComments", "Partenariat équilibré, calendrier réaliste, budget détaillé.");
        return scores;
    }

    @Test
    void aDeclaredConflictHandsTheCaseToAnotherEvaluatorAndKeepsTheStatementOutOfTheProcess() {
        ProcessInstance pi = eligible();
        execute(job("Task_AssignEvaluator"));
        String first = (String) runtime.getVariable(pi.getId(), "evaluatorId");
        Application application = application(pi);

        // refused declarations change nothing
        for (Map<String, Object> refused : List.<Map<String, Object>>of(
                Map.of("conflictDeclaration", "CONFLICT", "declarationSworn", true),
                Map.of("conflictDeclaration", "CONFLICT", "conflictStatement", "Oui.", "declarationSworn", true),
                Map.of("conflictDeclaration", "NO_CONFLICT"),
                Map.of("conflictDeclaration", "NO_CONFLICT", "declarationSworn", false),
                Map.of("conflictDeclaration", "NO_CONFLICT", "declarationSworn", "true"),
                Map.of("conflictDeclaration", "PEUT-ETRE", "declarationSworn", true))) {
            Assertions.assertThatThrownBy(() -> declare(pi, first, refused)).as("%s", refused)
                    .hasRootCauseInstanceOf(InvalidInputException.class);
        }
        Assertions.assertThatThrownBy(() -> declare(pi, "cocof-agent1", Map.of("conflictDeclaration", "NO_CONFLICT",
                "declarationSworn", true))).isInstanceOf(AuthorizationException.class);
        assertThat(pi).isWaitingAt("CallActivity_DeclareConflictOfInterest");
        Assertions.assertThat(assignments.of(application.getId())).singleElement()
                .extracting(EvaluatorAssignment::getDeclaredAt).isNull();

        declare(pi, first, Map.of("conflictDeclaration", "CONFLICT", "conflictStatement", STATEMENT,
                "declarationSworn", true));

        assertThat(pi).isWaitingAt("Task_AssignEvaluator");
        Assertions.assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("conflictStatement",
                "declarationSworn");
        execute(job("Task_AssignEvaluator"));
        String second = (String) runtime.getVariable(pi.getId(), "evaluatorId");
        Assertions.assertThat(second).isNotEqualTo(first);
        assertThat(declaration(pi)).isAssignedTo(second);
        Assertions.assertThat(runtime.getVariable(pi.getId(), "conflictDeclaration")).as("no prefilled declaration")
                .isNull();
        Assertions.assertThat(assignments.of(application.getId())).extracting(EvaluatorAssignment::getEvaluatorId,
                EvaluatorAssignment::getConflict, EvaluatorAssignment::getConflictStatement).containsExactly(
                        Assertions.tuple(first, true, STATEMENT), Assertions.tuple(second, null, null));
        Assertions.assertThat(assignments.isAssigned(application.getId(), first)).isFalse();
        Assertions.assertThatThrownBy(() -> readers.forReaderOrAssignedEvaluator(application.getReference(),
                evaluator(first))).isInstanceOf(NotFoundException.class);
        Assertions.assertThat(grantsOf(first, pi.getId())).isZero();
        Assertions.assertThat(auditTypes(pi)).containsSubsequence("EVALUATOR_ASSIGNED", "CONFLICT_OF_INTEREST_DECLARED",
                "EVALUATOR_ASSIGNED");
    }

    @Test
    void whenEveryEvaluatorHasAConflictTheCaseWaitsUntilAnEvaluatorIsAdded() {
        ProcessInstance pi = eligible();
        Application application = application(pi);
        int pool = (int) identity.createUserQuery().memberOfGroup("evaluators").count();
        for (int i = 0; i < pool; i++) {
            execute(job("Task_AssignEvaluator"));
            declare(pi, (String) runtime.getVariable(pi.getId(), "evaluatorId"), Map.of("conflictDeclaration", "CONFLICT",
                    "conflictStatement", STATEMENT, "declarationSworn", true));
        }

        Job assignment = job("Task_AssignEvaluator");
        Assertions.assertThatThrownBy(() -> management.executeJob(assignment.getId()))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("No evaluator is available");
        Job failed = job("Task_AssignEvaluator");
        Assertions.assertThat(failed.getRetries()).isEqualTo(4);
        Assertions.assertThat(failed.getDuedate().toInstant()).isAfter(Fixtures.START.plus(Duration.ofMinutes(59)));
        assertThat(pi).isWaitingAt("Task_AssignEvaluator");
        Assertions.assertThat(application(pi).getState()).isEqualTo(ApplicationState.ELIGIBLE);

        String newcomer = "evaluator-" + pi.getId().substring(0, 8);
        StaffUsers.ensure(identity, newcomer, "evaluators", Fixtures.EVALUATOR_PASSWORD);
        Fixtures.setClock(failed.getDuedate().toInstant());
        execute(job("Task_AssignEvaluator"));
        assertThat(pi).isWaitingAt("CallActivity_DeclareConflictOfInterest");
        assertThat(declaration(pi)).isAssignedTo(newcomer);
        Assertions.assertThat(assignments.of(application.getId())).hasSize(pool + 1);
    }
}
