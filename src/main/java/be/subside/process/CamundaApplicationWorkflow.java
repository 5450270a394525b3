package be.subside.process;

import static be.subside.process.ProcessVariables.*;

import be.subside.application.ApplicantTask;
import be.subside.application.Application;
import be.subside.application.ApplicationWorkflow;
import be.subside.application.ConcurrentCaseUpdateException;
import be.subside.call.Call;
import be.subside.identity.Organisation;
import be.subside.shared.ForbiddenException;
import be.subside.shared.StateConflictException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

@Component
class CamundaApplicationWorkflow implements ApplicationWorkflow {

    private final RuntimeService runtime;
    private final TaskService tasks;

    CamundaApplicationWorkflow(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    @Override
    public void startApplication(Application application, Call call, Organisation lead, String applicantUserId) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(APPLICATION_ID, application.getId());
        variables.put(APPLICATION_REFERENCE, application.getReference());
        variables.put(CALL_CODE, call.getCode());
        variables.put(STAFF_GROUP, lead.getCompetentAdministration().staffGroup());
        variables.put(APPLICANT_USER_ID, applicantUserId);
        variables.put(STAGE1_DEADLINE, Date.from(call.getStage1Deadline()));
        variables.put(STAGE2_DEADLINE, Date.from(call.getStage2Deadline()));
        try {
            runtime.createProcessInstanceByKey(ProcessKeys.GRANT_APPLICATION_PROCESS)
                    .businessKey(application.getReference())
                    .setVariables(variables)
                    .execute();
        } catch (ProcessEngineException e) {
            throw DomainErrors.unwrap(e);
        }
    }

    @Override
    public void completeApplicantTask(String reference, ApplicantTask kind, String userId) {
        Task task = tasks.createTaskQuery()
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION_PROCESS)
                .processInstanceBusinessKey(reference)
                .taskDefinitionKey(activityOf(kind))
                .singleResult();
        if (task == null) {
            throw new StateConflictException("task.notWaiting", "Application " + reference + " has no " + kind
                    + " step waiting (closed by its deadline or already done)");
        }
        if (task.getAssignee() == null) {
            throw new ForbiddenException("task.notApplicants", "The " + kind + " step of " + reference
                    + " is not an applicant's step");
        }
        try {
            if (!userId.equals(task.getAssignee())) {
                // a colleague of the same organisation (checked by the caller) takes over the step
                tasks.setAssignee(task.getId(), userId);
            }
            tasks.complete(task.getId());
        } catch (OptimisticLockingException e) {
            throw new ConcurrentCaseUpdateException(reference, e);
        } catch (ProcessEngineException e) {
            throw DomainErrors.unwrap(e);
        }
    }

    static String activityOf(ApplicantTask kind) {
        return switch (kind) {
            case SUBMIT_PRELIMINARY_DOSSIER -> ProcessKeys.Application.TASK_SUBMIT_PRELIMINARY_DOSSIER;
            case PROVIDE_MISSING_INFORMATION -> ProcessKeys.Application.TASK_PROVIDE_MISSING_INFORMATION;
            case SUBMIT_SUBSIDY_REQUEST -> ProcessKeys.Application.TASK_SUBMIT_SUBSIDY_REQUEST;
        };
    }
}
