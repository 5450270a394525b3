package be.subside.process;

import static be.subside.process.ProcessVariables.*;

import be.subside.application.ApplicationService;
import be.subside.evaluation.EvaluationService;
import be.subside.evaluation.EvaluatorAssignments;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import be.subside.shared.Deadlines;
import be.subside.shared.ForbiddenException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task listeners of GrantApplicationProcess. Each one is a thin call into a feature service, in
 * the engine's transaction: when the service refuses (a refusal without motivation, a stale case), the step fails and
 * nothing of it is kept.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationSteps {

    @Bean
    JavaDelegate closeExpiredSubsidyRequestDelegate(ApplicationService applications, EvaluationService evaluations) {
        return execution -> {
            applications.expireStage2(Variables.id(execution));
            evaluations.markCallDecidedIfComplete(Variables.text(execution, CALL_CODE));
        };
    }

    @Bean
    JavaDelegate requestMissingInformationDelegate(ApplicationService applications, NotificationService notifications) {
        return execution -> {
            Long id = Variables.id(execution);
            Instant deadline = applications.requestMissingInformation(id, Variables.text(execution, MISSING_INFORMATION),
                    Variables.number(execution, RESPONSE_DAYS).intValue(),
                    Variables.text(execution, ADMISSIBILITY_DECIDED_BY));
            execution.setVariable(MISSING_INFORMATION_DEADLINE, Date.from(deadline));
            execution.setVariable(MISSING_INFORMATION_DEADLINE_TEXT, Deadlines.display(deadline));
            notifications.notifyApplicant(id, NotificationEvent.INFORMATION_REQUESTED, deadline.toString());
        };
    }

    @Bean
    JavaDelegate recordUnansweredRequestDelegate(ApplicationService applications) {
        return execution -> applications.lapseInformationRequest(Variables.id(execution));
    }

    @Bean
    TaskListener recordAdmissibilityListener(EvaluationService evaluations, Actors actors) {
        return task -> {
            String actor = actors.of(task);
            evaluations.recordAdmissibility(Variables.id(task), Variables.text(task, ADMISSIBILITY_DECISION),
                    Variables.text(task, ADMISSIBILITY_MOTIVATION), Variables.text(task, MISSING_INFORMATION),
                    Variables.number(task, RESPONSE_DAYS), actor);
            task.setVariable(ADMISSIBILITY_DECIDED_BY, actor);
        };
    }

    @Bean
    TaskListener recordEligibilityListener(EvaluationService evaluations, Actors actors) {
        return task -> evaluations.recordEligibility(Variables.id(task), Variables.text(task, ELIGIBILITY_DECISION),
                Variables.text(task, ELIGIBILITY_MOTIVATION), actors.of(task));
    }

    @Bean
    TaskListener recordEvaluationListener(EvaluationService evaluations, Actors actors) {
        return task -> {
            Map<String, Number> scores = new LinkedHashMap<>();
            for (String criterion : SCORES) {
                scores.put(criterion, Variables.number(task, criterion));
            }
            evaluations.recordEvaluation(Variables.id(task), scores, Variables.text(task, EVALUATION_COMMENTS),
                    actors.of(task));
        };
    }

    /**
     * The case's grants for the competent administration's staff, made when the case starts: they read its process
     * instance, variables and history; staff of the other administration read nothing of it.
     */
    @Bean
    ExecutionListener grantCaseAccessListener(StaffAccess access) {
        return execution -> asTheProcess(() -> access.grantCase(execution.getProcessInstanceId(),
                Variables.text(execution, STAFF_GROUP), null));
    }

    /** Offers the eligible case to the evaluator of the group with the fewest cases waiting for them. */
    @Bean
    JavaDelegate assignEvaluatorDelegate(EvaluatorAssignments evaluators, IdentityService identity, StaffAccess access) {
        return execution -> {
            List<String> pool = identity.createUserQuery().memberOfGroup(StaffAccess.EVALUATORS).list().stream()
                    .map(User::getId).toList();
            String evaluator = evaluators.assign(Variables.id(execution), pool);
            execution.setVariable(EVALUATOR_ID, evaluator);
            // the previous evaluator's declaration must not prefill the next one's form
            execution.removeVariable(CONFLICT_DECLARATION);
            asTheProcess(() -> access.ensureEvaluatorFilter(evaluator));
        };
    }

    /**
     * The evaluator's declaration of conflicts of interest, in ConflictOfInterestDeclarationProcess. Its statement is
     * kept in our tables, not in a process (the next evaluator must not read it); with no conflict, the evaluator is
     * granted the case's process instance and history.
     */
    @Bean
    TaskListener recordConflictDeclarationListener(EvaluatorAssignments evaluators, Actors actors, StaffAccess access) {
        return task -> {
            String evaluator = Variables.text(task, EVALUATOR_ID);
            String declaration = Variables.text(task, CONFLICT_DECLARATION);
            evaluators.declare(Variables.id(task), evaluator, actors.of(task), declaration,
                    Variables.text(task, CONFLICT_STATEMENT),
                    task.getVariable(DECLARATION_SWORN) instanceof Boolean sworn ? sworn : null);
            task.removeVariable(CONFLICT_STATEMENT);
            task.removeVariable(DECLARATION_SWORN);
            if (EvaluatorAssignments.NO_CONFLICT.equals(declaration)) {
                asTheProcess(() -> access.grantCase(Variables.text(task, CASE_PROCESS_INSTANCE_ID), null, evaluator));
            }
        };
    }

    /** The evaluator's tasks stay theirs: nobody claims them, nobody hands them to someone else, nobody unclaims them. */
    @Bean
    TaskListener assignedEvaluatorOnlyListener() {
        return task -> {
            if (!Objects.equals(task.getAssignee(), Variables.text(task, EVALUATOR_ID))) {
                throw new ForbiddenException("evaluation.notAssigned",
                        "The task '" + task.getName() + "' belongs to the evaluator the case is assigned to");
            }
        };
    }

    /** Grants and filters are made by the process itself, whoever's action moved it (an evaluator holds no such right). */
    private static void asTheProcess(Runnable step) {
        CommandContext context = Context.getCommandContext();
        if (context == null) {
            step.run();
        } else {
            context.runWithoutAuthorization(() -> {
                step.run();
                return null;
            });
        }
    }

    @Bean
    TaskListener recordAnalysisListener(EvaluationService evaluations, Actors actors) {
        return task -> {
            String actor = actors.of(task);
            evaluations.recordAnalysis(Variables.id(task), Variables.text(task, ANALYSIS_OPINION),
                    Variables.amount(task, PROPOSED_AMOUNT), Variables.text(task, ANALYSIS_REPORT), actor);
            task.setVariable(ANALYSED_BY, actor);
        };
    }

    /**
     * Four eyes: the grant is decided by someone other than the analyst. Checked when the task is claimed or assigned
     * (Tasklist then refuses the claim) and again on completion (REST can complete an unclaimed task).
     */
    @Bean
    TaskListener fourEyesListener(EvaluationService evaluations, Actors actors) {
        return task -> {
            String person = TaskListener.EVENTNAME_ASSIGNMENT.equals(task.getEventName()) ? task.getAssignee()
                    : actors.of(task);
            evaluations.requireSecondPair(Variables.id(task), person);
        };
    }

    @Bean
    TaskListener recordGrantDecisionListener(EvaluationService evaluations, Actors actors) {
        return task -> {
            evaluations.recordGrantDecision(Variables.id(task), Variables.text(task, GRANT_DECISION),
                    Variables.amount(task, GRANTED_AMOUNT), Variables.text(task, GRANT_CONDITIONS),
                    Variables.text(task, GRANT_MOTIVATION), actors.of(task));
            evaluations.markCallDecidedIfComplete(Variables.text(task, CALL_CODE));
        };
    }
}
