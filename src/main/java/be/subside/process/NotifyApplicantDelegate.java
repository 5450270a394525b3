package be.subside.process;

import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import java.time.Clock;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Queues the mail named by the task's {@code notification} input for the applicant. */
@Component("notifyApplicantDelegate")
class NotifyApplicantDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(NotifyApplicantDelegate.class);

    private final NotificationService notifications;
    private final ScheduleReminderDelegate reminders;
    private final Clock clock;

    NotifyApplicantDelegate(NotificationService notifications, ScheduleReminderDelegate reminders, Clock clock) {
        this.notifications = notifications;
        this.reminders = reminders;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NotificationEvent event = NotificationEvent.valueOf(
                (String) execution.getVariableLocal(ProcessVariables.NOTIFICATION));
        // each reminder is its own mail: the moment it was due tells them apart
        String occurrence = switch (event) {
            case STAGE1_REMINDER -> occurrence(execution.getVariable(ProcessVariables.STAGE1_REMINDER_AT));
            case STAGE2_REMINDER -> occurrence(execution.getVariable(ProcessVariables.STAGE2_REMINDER_AT));
            default -> null;
        };
        if (occurrence != null && !stillUseful(execution, event)) {
            log.info("{} of {} due at {} skipped: it fired late and is no longer useful", event,
                    execution.getProcessBusinessKey(), occurrence);
            return;
        }
        notifications.notifyApplicant(Variables.id(execution), event, occurrence);
    }

    /** A reminder timer that fired late (the application was down) is sent only if it still helps the applicant. */
    private boolean stillUseful(DelegateExecution execution, NotificationEvent event) {
        boolean stage1 = event == NotificationEvent.STAGE1_REMINDER;
        Date due = (Date) execution.getVariable(stage1 ? ProcessVariables.STAGE1_REMINDER_AT
                : ProcessVariables.STAGE2_REMINDER_AT);
        Date deadline = (Date) execution.getVariable(stage1 ? ProcessVariables.STAGE1_DEADLINE
                : ProcessVariables.STAGE2_DEADLINE);
        return reminders.stillUseful(due.toInstant(), deadline.toInstant(), clock.instant());
    }

    private static String occurrence(Object reminderAt) {
        return reminderAt instanceof Date at ? at.toInstant().toString() : null;
    }
}
