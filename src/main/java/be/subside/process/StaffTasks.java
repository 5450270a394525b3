package be.subside.process;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims and completes a staff task of a case by its BPMN id, as a staff member would in Tasklist. Used to seed the
 * demo cases; business errors come out unwrapped.
 */
@Component
public class StaffTasks {

    private final TaskService tasks;

    StaffTasks(TaskService tasks) {
        this.tasks = tasks;
    }

    @Transactional
    public void complete(String businessKey, String taskDefinitionKey, String userId, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskDefinitionKey)
                .singleResult();
        if (task == null) {
            throw new IllegalStateException("No task " + taskDefinitionKey + " waits on " + businessKey);
        }
        try {
            tasks.claim(task.getId(), userId);
            tasks.complete(task.getId(), variables);
        } catch (ProcessEngineException e) {
            throw DomainErrors.unwrap(e);
        }
    }
}
