package be.subside.notification;

import java.util.Locale;

/** Lifecycle events people are told about. The names are used as constants in the BPMN (input "notification"). */
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
    DEADLINE_EXTENDED,
    /** Not an applicant's mail: the periodic list of new tasks for a staff member. */
    STAFF_DIGEST,
    /** The link that verifies a new portal account's address. */
    ACCOUNT_VERIFICATION,
    /** Someone tried to register an address that already has an account. */
    ACCOUNT_EXISTS,
    /** The one-time link that sets a new password. */
    PASSWORD_RESET,
    /** An organisation's administrator invited this address to act for the organisation. */
    COLLEAGUE_INVITED;

    /** The template's file name: templates/mail/{fr,nl}/&lt;name&gt;.txt and .html. */
    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
