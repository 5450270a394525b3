package be.subside.process;

import static be.subside.process.ProcessVariables.*;

import be.subside.application.ApplicationService;
import be.subside.call.CallService;
import be.subside.evaluation.EvaluationService;
import be.subside.evaluation.RankedApplication;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import be.subside.shared.StateConflictException;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
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
            log.info("Call {}: {} drafts closed in {} ms, their mails queued in {} ms; drafts left: {}", callCode,
                    closed.size(), (mailsStart - start) / 1_000_000, (System.nanoTime() - mailsStart) / 1_000_000, left);
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
     * When a committee member claims the selection task: refused while any case is still being examined; otherwise
     * the current ranking and the proposed selection (in rank order, within the envelope) fill the form.
     */
    @Bean
    TaskListener prepareSelectionListener(EvaluationService evaluations) {
        return task -> {
            if (task.getAssignee() == null) {
                return;
            }
            String callCode = Variables.text(task, CALL_CODE);
            List<String> pending = evaluations.pendingEvaluations(callCode);
            if (!pending.isEmpty()) {
                throw new StateConflictException("selection.pendingEvaluations",
                        pending.size() + " case(s) still under examination: " + String.join(", ", pending));
            }
            List<RankedApplication> ranking = evaluations.ranking(callCode);
            NumberFormat euros = NumberFormat.getCurrencyInstance(Locale.forLanguageTag("fr-BE"));
            task.setVariable(RANKING_SUMMARY, ranking.isEmpty() ? "Aucun dossier évalué. / Geen geëvalueerd dossier."
                    : ranking.stream().map(r -> r.rank() + ". " + r.reference() + " — " + literal(r.organisation()) + " — "
                            + r.score() + "/100 — " + euros.format(r.requestedAmount())
                            + (r.proposed() ? " — proposé / voorgesteld" : " — hors enveloppe / buiten budget"))
                            .collect(Collectors.joining("\n")));
            task.setVariable(SELECTED_REFERENCES, ranking.stream().filter(RankedApplication::proposed)
                    .map(RankedApplication::reference).collect(Collectors.joining("\n")));
        };
    }

    /**
     * Text an applicant typed (an organisation's name), made to show as itself in a form's text component: form-js
     * reads those as Markdown with HTML, where a name would add elements, emphasis, images or links to the committee's
     * form. Every ASCII punctuation character becomes a numeric character reference, which Markdown and HTML both show
     * as the character and neither reads as syntax; line breaks become spaces.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(' ');
            } else if (c < 0x80 && c != ' ' && !Character.isLetterOrDigit(c)) {
                out.append("&#").append(c).append(';');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    @Bean
    TaskListener recordSelectionListener(EvaluationService evaluations, Actors actors) {
        return task -> evaluations.recordSelection(Variables.text(task, CALL_CODE),
                references(Variables.text(task, SELECTED_REFERENCES)), Variables.text(task, SELECTION_MOTIVATION),
                actors.of(task));
    }

    /** Tells each evaluated case of the call whether it was selected; each case then goes on by itself. */
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

    static List<String> references(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,;]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }
}
