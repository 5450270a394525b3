package be.subside.process;

/** Names of process variables. Variables hold ids, deadlines and decisions; documents and personal data stay in our tables. */
public final class ProcessVariables {

    private ProcessVariables() {
    }

    public static final String APPLICATION_ID = "applicationId";
    public static final String APPLICATION_REFERENCE = "applicationReference";
    public static final String CALL_CODE = "callCode";
    public static final String STAFF_GROUP = "staffGroup";
    public static final String APPLICANT_USER_ID = "applicantUserId";
    public static final String STAGE1_DEADLINE = "stage1Deadline";
    /** Set by each batch of Task_CloseExpiredDrafts: whether drafts of the call are still open. */
    public static final String DRAFTS_LEFT = "draftsLeft";
    public static final String STAGE2_DEADLINE = "stage2Deadline";
    public static final String STAGE1_REMINDER_AT = "stage1ReminderAt";
    public static final String STAGE2_REMINDER_AT = "stage2ReminderAt";
    public static final String MISSING_INFORMATION_DEADLINE = "missingInformationDeadline";
    public static final String MISSING_INFORMATION_DEADLINE_TEXT = "missingInformationDeadlineText";

    /** Local input of notification service tasks: a {@link be.subside.notification.NotificationEvent} name. */
    public static final String NOTIFICATION = "notification";
    /** Local input of reminder scheduling tasks: STAGE1 or STAGE2. */
    public static final String REMINDER_STAGE = "reminderStage";

    // decisions, as the forms in forms/ name them
    public static final String ADMISSIBILITY_DECISION = "admissibilityDecision";
    public static final String ADMISSIBILITY_MOTIVATION = "admissibilityMotivation";
    public static final String ADMISSIBILITY_DECIDED_BY = "admissibilityDecidedBy";
    public static final String MISSING_INFORMATION = "missingInformation";
    public static final String RESPONSE_DAYS = "responseDays";
    public static final String ELIGIBILITY_DECISION = "eligibilityDecision";
    public static final String ELIGIBILITY_MOTIVATION = "eligibilityMotivation";
    public static final String EVALUATOR_ID = "evaluatorId";
    /** In ConflictOfInterestDeclarationProcess: the case's GrantApplicationProcess instance. */
    public static final String CASE_PROCESS_INSTANCE_ID = "caseProcessInstanceId";
    public static final String CONFLICT_DECLARATION = "conflictDeclaration";
    public static final String CONFLICT_STATEMENT = "conflictStatement";
    public static final String DECLARATION_SWORN = "declarationSworn";
    public static final String EVALUATION_COMMENTS = "evaluationComments";
    public static final String[] SCORES = {"scoreRelevance", "scoreMutualisation", "scoreFeasibility", "scoreBudget",
        "scoreJobQuality"};
    public static final String SELECTED = "selected";
    /**
     * The committee's form confirms the number of cases and the total of the selection it saved on the selection page;
     * the selection itself is in our tables (it grows with the call: never a process variable).
     */
    public static final String SELECTION_COUNT = "selectionCount";
    public static final String SELECTION_TOTAL = "selectionTotal";
    public static final String SELECTION_MOTIVATION = "selectionMotivation";
    public static final String ANALYSIS_OPINION = "analysisOpinion";
    public static final String PROPOSED_AMOUNT = "proposedAmount";
    public static final String ANALYSIS_REPORT = "analysisReport";
    public static final String ANALYSED_BY = "analysedBy";
    public static final String GRANT_DECISION = "grantDecision";
    public static final String GRANTED_AMOUNT = "grantedAmount";
    public static final String GRANT_CONDITIONS = "grantConditions";
    public static final String GRANT_MOTIVATION = "grantMotivation";
}
