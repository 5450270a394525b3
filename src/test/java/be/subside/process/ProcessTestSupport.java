package be.subside.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import be.subside.Fixtures;
import be.subside.application.Application;
import be.subside.call.Call;
import be.subside.notification.OutboxMessage;
import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/** What process tests share: the engine for camunda-bpm-assert, the clock, and steps written as staff take them. */
abstract class ProcessTestSupport {

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected HistoryService history;
    @Autowired
    protected Fixtures fixtures;
    @Autowired
    protected NotificationService notifications;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    /** The running process of a case; keep it, camunda-bpm-assert follows it after it ends. */
    protected ProcessInstance processOf(Application application) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(application.getReference())
                .processDefinitionKey(ProcessKeys.GRANT_APPLICATION_PROCESS).singleResult();
    }

    protected ProcessInstance processOf(Call call) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(call.getCode())
                .processDefinitionKey(ProcessKeys.CALL_FOR_PROJECTS_PROCESS).singleResult();
    }

    /** Claims the waiting task as {@code user}, as Tasklist does, and completes it with the form's variables. */
    protected void completeAs(String user, ProcessInstance pi, String taskKey, Map<String, Object> formVariables) {
        Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        org.assertj.core.api.Assertions.assertThat(task).as("task %s waiting", taskKey).isNotNull();
        tasks.claim(task.getId(), user);
        tasks.complete(task.getId(), formVariables);
    }

    protected Job timer(ProcessInstance pi, String activityId) {
        return management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
    }

    protected List<NotificationEvent> notified(Application application) {
        return notifications.sentFor(application.getId()).stream().map(OutboxMessage::getEvent).toList();
    }
}
