package be.subside.application;

import be.subside.call.Call;
import be.subside.identity.Organisation;

/** What the application feature needs from the process engine; implemented in {@code be.subside.process}. */
public interface ApplicationWorkflow {

    /** Starts the case's process, business key = the application reference. */
    void startApplication(Application application, Call call, Organisation lead, String applicantUserId);

    /**
     * Completes the applicant's waiting task of the given kind, in the caller's transaction, as {@code userId}. The
     * caller has checked that the user acts for the case's lead organisation; a colleague may complete a step that
     * another member started.
     *
     * @throws be.subside.shared.StateConflictException when no such task waits (closed by its deadline, already done)
     * @throws ConcurrentCaseUpdateException when another transaction (a deadline timer) changed the case meanwhile
     */
    void completeApplicantTask(String reference, ApplicantTask task, String userId);
}
