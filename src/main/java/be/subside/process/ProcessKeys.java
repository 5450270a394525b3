package be.subside.process;

/** Ids in bpmn/ that code refers to. They are API: the model test checks that each one exists in its process. */
public final class ProcessKeys {

    private ProcessKeys() {
    }

    public static final String GRANT_APPLICATION_PROCESS = "GrantApplicationProcess";
    public static final String CALL_FOR_PROJECTS_PROCESS = "CallForProjectsProcess";
    public static final String CONFLICT_OF_INTEREST_DECLARATION_PROCESS = "ConflictOfInterestDeclarationProcess";

    public static final String MESSAGE_SELECTION_PUBLISHED = "SelectionPublished";
    public static final String MESSAGE_STAGE1_CLOSED = "Stage1Closed";

    /** Elements of GrantApplicationProcess. */
    public static final class Application {
        private Application() {
        }

        public static final String TASK_SUBMIT_PRELIMINARY_DOSSIER = "Task_SubmitPreliminaryDossier";
        public static final String TASK_PROVIDE_MISSING_INFORMATION = "Task_ProvideMissingInformation";
        public static final String TASK_SUBMIT_SUBSIDY_REQUEST = "Task_SubmitSubsidyRequest";
        public static final String TASK_CHECK_ADMISSIBILITY = "Task_CheckAdmissibility";
        public static final String TASK_CHECK_ELIGIBILITY = "Task_CheckEligibility";
        public static final String TASK_ASSIGN_EVALUATOR = "Task_AssignEvaluator";
        public static final String CALL_ACTIVITY_DECLARE_CONFLICT_OF_INTEREST = "CallActivity_DeclareConflictOfInterest";
        public static final String TASK_EVALUATE_APPLICATION = "Task_EvaluateApplication";
        public static final String TASK_ANALYSE_SUBSIDY_REQUEST = "Task_AnalyseSubsidyRequest";
        public static final String TASK_DECIDE_GRANT = "Task_DecideGrant";
        public static final String EVENT_SELECTION_PUBLISHED = "Event_SelectionPublished";
        public static final String EVENT_STAGE1_CLOSED = "Event_Stage1Closed";
        public static final String TIMER_STAGE1_REMINDER = "Timer_Stage1Reminder";
        public static final String TIMER_MISSING_INFORMATION_DEADLINE = "Timer_MissingInformationDeadline";
        public static final String TIMER_STAGE2_DEADLINE = "Timer_Stage2Deadline";
        public static final String TIMER_STAGE2_REMINDER = "Timer_Stage2Reminder";
    }

    /** Elements of ConflictOfInterestDeclarationProcess. */
    public static final class Declaration {
        private Declaration() {
        }

        public static final String TASK_DECLARE_CONFLICT_OF_INTEREST = "Task_DeclareConflictOfInterest";
    }

    /** Elements of CallForProjectsProcess. */
    public static final class CallProcess {
        private CallProcess() {
        }

        public static final String TIMER_STAGE1_DEADLINE = "Timer_Stage1Deadline";
        public static final String TIMER_STAGE2_DEADLINE = "Timer_Stage2Deadline";
        public static final String TASK_CLOSE_EXPIRED_DRAFTS = "Task_CloseExpiredDrafts";
        public static final String TASK_END_EXPIRED_DRAFT_PROCESSES = "Task_EndExpiredDraftProcesses";
        public static final String TASK_SELECT_APPLICATIONS = "Task_SelectApplications";
    }
}
