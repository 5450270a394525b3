package be.subside.process;

import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Queues the mail named by the task's {@code notification} input for the applicant. */
@Component("notifyApplicantDelegate")
class NotifyApplicantDelegate implements JavaDelegate {

    private final NotificationService notifications;

    NotifyApplicantDelegate(NotificationService notifications) {
        this.notifications = notifications;
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
        notifications.notifyApplicant(Variables.id(execution), event, occurrence);
    }

    private static String occurrence(Object reminderAt) {
        return reminderAt instanceof Date at ? at.toInstant().toString() : null;
    }
}
