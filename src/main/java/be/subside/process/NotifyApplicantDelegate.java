package be.subside.process;

import be.subside.notification.NotificationEvent;
import be.subside.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Queues the notification named by the task's {@code notification} input for the applicant. */
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
        notifications.notifyApplicant(Variables.id(execution), event);
    }
}
