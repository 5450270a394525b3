package be.subside.process;

import static be.subside.process.ProcessVariables.*;

import be.subside.application.ApplicationService;
import be.subside.evaluation.EvaluationService;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import be.subside.shared.Deadlines;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
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
    JavaDelegate closeExpiredDraftDelegate(ApplicationService applications) {
        return execution -> applications.expireDraft(Variables.id(execution));
    }

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
