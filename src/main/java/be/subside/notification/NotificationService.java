package be.subside.notification;

import be.subside.application.Application;
import be.subside.application.ApplicationRepository;
import be.subside.shared.NotFoundException;
import be.subside.audit.AuditTrail;
import be.subside.identity.Organisation;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues the applicant's notifications. For now a notification is a row and a log line; sending e-mail from these rows
 * comes with the notifications issue.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final NotificationRepository notifications;
    private final ApplicationRepository applications;
    private final AuditTrail audit;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, ApplicationRepository applications, AuditTrail audit,
            Clock clock) {
        this.notifications = notifications;
        this.applications = applications;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void notifyApplicant(Long applicationId, NotificationEvent event) {
        Application application = applications.findById(applicationId).orElseThrow(
                () -> new NotFoundException("application.unknown", "applicationId", "Unknown application " + applicationId));
        Organisation lead = application.getLeadOrganisation();
        notifications.save(new Notification(applicationId, event, lead.getContactEmail(), lead.getLanguage(),
                clock.instant()));
        audit.recordCase(application.getCall().getId(), applicationId, "NOTIFIED_" + event, AuditTrail.SYSTEM,
                lead.getContactEmail());
        log.info("Notification {} queued for {} ({}, {})", event, application.getReference(), lead.getContactEmail(),
                lead.getLanguage());
    }

    @Transactional(readOnly = true)
    public List<Notification> sentFor(Long applicationId) {
        return notifications.findByApplicationIdOrderByIdAsc(applicationId);
    }
}
