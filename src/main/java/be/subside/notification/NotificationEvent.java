package be.subside.notification;

/** Lifecycle events the applicant is told about. The names are used as constants in the BPMN (input "notification"). */
public enum NotificationEvent {
    DRAFT_STARTED,
    STAGE1_REMINDER,
    DRAFT_CLOSED,
    STAGE1_SUBMITTED,
    INFORMATION_REQUESTED,
    INADMISSIBLE,
    INELIGIBLE,
    NOT_SELECTED,
    SELECTED,
    STAGE2_REMINDER,
    SUBSIDY_REQUEST_CLOSED,
    STAGE2_SUBMITTED,
    GRANTED,
    GRANT_REFUSED,
    DEADLINE_EXTENDED
}
