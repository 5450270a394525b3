package be.subside.process;

import static be.subside.process.ProcessVariables.*;

import be.subside.call.Call;
import be.subside.call.CallWorkflow;
import be.subside.call.Stage;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

@Component
class CamundaCallWorkflow implements CallWorkflow {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final NotificationService notifications;

    CamundaCallWorkflow(RuntimeService runtime, ManagementService management, NotificationService notifications) {
        this.runtime = runtime;
        this.management = management;
        this.notifications = notifications;
    }

    @Override
    public void startCall(Call call) {
        try {
            runtime.createProcessInstanceByKey(ProcessKeys.CALL_FOR_PROJECTS_PROCESS)
                    .businessKey(call.getCode())
                    .setVariables(Map.of(
                            CALL_CODE, call.getCode(),
                            STAGE1_DEADLINE, Date.from(call.getStage1Deadline()),
                            STAGE2_DEADLINE, Date.from(call.getStage2Deadline())))
                    .execute();
        } catch (ProcessEngineException e) {
            throw DomainErrors.unwrap(e);
        }
    }

    /**
     * For every running instance of the call (the call's own and each application's): records the new deadline, and
     * shifts the timers bound to it (the call's deadline timer, a case's stage-2 deadline timer, the pending reminders)
     * by the extension. Applicants whose open step got more time are told.
     */
    @Override
    public int moveDeadline(String callCode, Stage stage, Instant previousDeadline, Instant newDeadline) {
        Duration shift = Duration.between(previousDeadline, newDeadline);
        boolean stage1 = stage == Stage.STAGE1;
        String deadlineVariable = stage1 ? STAGE1_DEADLINE : STAGE2_DEADLINE;
        String reminderVariable = stage1 ? STAGE1_REMINDER_AT : STAGE2_REMINDER_AT;
        List<String> timerIds = stage1
                ? List.of(ProcessKeys.CallProcess.TIMER_STAGE1_DEADLINE, ProcessKeys.Application.TIMER_STAGE1_REMINDER)
                : List.of(ProcessKeys.Application.TIMER_STAGE2_DEADLINE, ProcessKeys.Application.TIMER_STAGE2_REMINDER);
        String openStep = stage1 ? ProcessKeys.Application.TASK_SUBMIT_PRELIMINARY_DOSSIER
                : ProcessKeys.Application.TASK_SUBMIT_SUBSIDY_REQUEST;
        int moved = 0;
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
                .variableValueEquals(CALL_CODE, callCode).active().list();
        for (ProcessInstance instance : instances) {
            runtime.setVariable(instance.getId(), deadlineVariable, Date.from(newDeadline));
            Object reminder = runtime.getVariable(instance.getId(), reminderVariable);
            if (reminder instanceof Date at) {
                runtime.setVariable(instance.getId(), reminderVariable, Date.from(at.toInstant().plus(shift)));
            }
            for (String timerId : timerIds) {
                for (Job job : management.createJobQuery().processInstanceId(instance.getId()).timers()
                        .activityId(timerId).list()) {
                    management.setJobDuedate(job.getId(), Date.from(job.getDuedate().toInstant().plus(shift)));
                    moved++;
                }
            }
            Object applicationId = runtime.getVariable(instance.getId(), APPLICATION_ID);
            if (applicationId instanceof Long id && runtime.getActiveActivityIds(instance.getId()).contains(openStep)) {
                notifications.notifyApplicant(id, NotificationEvent.DEADLINE_EXTENDED, stage + "@" + newDeadline);
            }
        }
        return moved;
    }
}
