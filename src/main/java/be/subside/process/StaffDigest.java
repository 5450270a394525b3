package be.subside.process;

import be.subside.notification.NotificationService;
import be.subside.shared.Deadlines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Staff get one mail per period listing the tasks offered to their group since the previous one, not a mail per task.
 * Runs on a cron (Brussels time, default every working day at 07:30); each person's digest of a day is queued once.
 */
@Component
public class StaffDigest {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final NotificationService notifications;
    private final Clock clock;
    private final Duration period;
    private final String tasklistUrl;

    StaffDigest(TaskService tasks, RuntimeService runtime, IdentityService identity, NotificationService notifications,
            Clock clock, @Value("${subside.notifications.staff-digest.period:P1D}") Duration period,
            @Value("${subside.public-url:http://localhost:8080}") String publicUrl) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.identity = identity;
        this.notifications = notifications;
        this.clock = clock;
        this.period = period;
        this.tasklistUrl = publicUrl.replaceAll("/+$", "") + "/camunda/app/tasklist/";
    }

    @Scheduled(cron = "${subside.notifications.staff-digest.cron:0 30 7 * * MON-FRI}", zone = "Europe/Brussels")
    void scheduled() {
        queueDigests();
    }

    /**
     * Queues, for each member of each task group, the digest of tasks created for the group in the last period; for
     * each evaluator, of the tasks assigned to them (evaluators share no group task).
     */
    public void queueDigests() {
        Instant now = clock.instant();
        Instant since = now.minus(period);
        String day = Deadlines.brusselsDate(now).toString();
        for (String group : List.of(StaffAccess.STAFF_COCOF, StaffAccess.STAFF_COCOM, StaffAccess.EVALUATORS,
                StaffAccess.COMMITTEE)) {
            boolean personal = StaffAccess.EVALUATORS.equals(group);
            List<NotificationService.TaskLine> groupLines = personal ? List.of()
                    : lines(tasks.createTaskQuery().taskCandidateGroup(group), since);
            for (User user : identity.createUserQuery().memberOfGroup(group).list()) {
                if (user.getEmail() == null || user.getEmail().isBlank()) {
                    continue;
                }
                List<NotificationService.TaskLine> lines = personal
                        ? lines(tasks.createTaskQuery().taskAssignee(user.getId()), since) : groupLines;
                if (lines.isEmpty()) {
                    continue;
                }
                String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                        + (user.getLastName() == null ? "" : user.getLastName())).strip();
                notifications.notifyStaff(user.getId(), user.getEmail(), name.isEmpty() ? user.getId() : name,
                        group, since, day, lines, tasklistUrl);
            }
        }
    }

    /** The digest lines of the tasks this query finds created since then, oldest first (one lookup per task). */
    private List<NotificationService.TaskLine> lines(TaskQuery query, Instant since) {
        return query.taskCreatedAfter(Date.from(since)).orderByTaskCreateTime().asc().list().stream()
                .map(task -> new NotificationService.TaskLine(task.getName(), businessKey(task),
                        Deadlines.display(task.getCreateTime().toInstant()))).toList();
    }

    private String businessKey(Task task) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        return instance == null ? "" : instance.getBusinessKey();
    }
}
