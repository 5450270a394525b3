package be.subside.process;

import static be.subside.process.ProcessVariables.*;

import be.subside.application.ApplicationService;
import be.subside.call.CallService;
import be.subside.evaluation.CommitteeSelection;
import be.subside.evaluation.EvaluationService;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks and task listeners of CallForProjectsProcess. */
@Configuration(proxyBeanMethods = false)
class CallSteps {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallSteps.class);

    @Bean
    JavaDelegate openCallDelegate(CallService calls) {
        return execution -> calls.open(Variables.text(execution, CALL_CODE));
    }

    @Bean
    JavaDelegate closeStage1Delegate(CallService calls) {
        return execution -> calls.closeStage1(Variables.text(execution, CALL_CODE));
    }

    /**
     * One batch of Task_CloseExpiredDrafts: closes up to {@code subside.closure.batch-size} of the call's open drafts,
     * each with its audit entry and its closing mail, in the job's transaction; the loop goes on while drafts are open.
     */
    @Bean
    JavaDelegate closeExpiredDraftsDelegate(ApplicationService applications, NotificationService notifications,
            @Value("${subside.closure.batch-size:1000}") int batchSize) {
        return execution -> {
            long start = System.nanoTime();
            String callCode = Variables.text(execution, CALL_CODE);
            List<Long> closed = applications.expireDrafts(callCode, batchSize);
            long mailsStart = System.nanoTime();
            notifications.notifyApplicants(closed, NotificationEvent.DRAFT_CLOSED);
            boolean left = applications.hasOpenDrafts(callCode);
            execution.setVariable(DRAFTS_LEFT, left);
            if (!closed.isEmpty()) {
                log.info("Call {}: {} drafts closed in {} ms, their mails queued in {} ms; drafts left: {}", callCode,
                        closed.size(), (mailsStart - start) / 1_000_000, (System.nanoTime() - mailsStart) / 1_000_000,
                        left);
            }
        };
    }

    /**
     * Task_EndExpiredDraftProcesses: every draft process of the call still waiting for its dossier belongs to a draft
     * closed above (no dossier is accepted after the deadline). Stage1Closed goes to all of them as a Camunda batch,
     * which the job executor runs in chunks on any node; each process ends at EndEvent_DraftExpired.
     */
    @Bean
    JavaDelegate endExpiredDraftProcessesDelegate(RuntimeService runtime) {
        return execution -> {
            ProcessInstanceQuery waiting = runtime.createProcessInstanceQuery()
                    .processDefinitionKey(ProcessKeys.GRANT_APPLICATION_PROCESS)
                    .variableValueEquals(CALL_CODE, Variables.text(execution, CALL_CODE))
                    .activityIdIn(ProcessKeys.Application.TASK_SUBMIT_PRELIMINARY_DOSSIER);
            if (waiting.count() > 0) {
                runtime.createMessageCorrelationAsync(ProcessKeys.MESSAGE_STAGE1_CLOSED).processInstanceQuery(waiting)
                        .correlateAllAsync();
            }
        };
    }

    @Bean
    JavaDelegate closeStage2Delegate(CallService calls, EvaluationService evaluations) {
        return execution -> {
            String callCode = Variables.text(execution, CALL_CODE);
            calls.closeStage2(callCode);
            evaluations.markCallDecidedIfComplete(callCode);
        };
    }

    /**
     * When a committee member claims the selection task: refused while any case is still being examined; otherwise,
     * unless a selection is already saved, the ranking's proposal is saved as the first one. The ranking and the
     * selection stay in our tables, shown and edited on the staff selection page that the task's form frames.
     */
    @Bean
    TaskListener prepareSelectionListener(CommitteeSelection selections) {
        return task -> {
            if (task.getAssignee() != null) {
                selections.prepare(Variables.text(task, CALL_CODE), task.getAssignee());
            }
        };
    }

    /**
     * The committee's decision: the form confirms the number of cases and the total of the saved selection (a form
     * filled before the last save is refused), and the saved selection is recorded as it is, with its motivation.
     */
    @Bean
    TaskListener recordSelectionListener(CommitteeSelection selections, Actors actors) {
        return task -> selections.decide(Variables.text(task, CALL_CODE), Variables.number(task, SELECTION_COUNT),
                Variables.amount(task, SELECTION_TOTAL), Variables.text(task, SELECTION_MOTIVATION), actors.of(task));
    }

    /**
     * Tells each evaluated case of the call whether it was selected. Runs as a job once the committee's decision is
     * recorded (asyncBefore), and each case then goes on in a job of its own (asyncAfter on its Event_SelectionPublished):
     * a call of thousands of cases neither holds the committee's request nor sends every mail in one transaction.
     */
    @Bean
    JavaDelegate publishSelectionDelegate(EvaluationService evaluations, RuntimeService runtime) {
        return execution -> {
            Map<String, Boolean> outcome = evaluations.selectionOutcome(Variables.text(execution, CALL_CODE));
            outcome.forEach((reference, selected) -> runtime
                    .createMessageCorrelation(be.subside.process.ProcessKeys.MESSAGE_SELECTION_PUBLISHED)
                    .processInstanceBusinessKey(reference)
                    .setVariable(SELECTED, selected)
                    .correlateWithResult());
        };
    }
}
