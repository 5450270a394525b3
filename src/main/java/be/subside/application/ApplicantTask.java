package be.subside.application;

/** The user tasks of the application process that the applicant, not staff, completes. */
public enum ApplicantTask {
    SUBMIT_PRELIMINARY_DOSSIER,
    PROVIDE_MISSING_INFORMATION,
    SUBMIT_SUBSIDY_REQUEST
}
