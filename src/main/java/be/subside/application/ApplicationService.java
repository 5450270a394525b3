package be.subside.application;

import be.subside.audit.AuditTrail;
import be.subside.call.Call;
import be.subside.call.CallService;
import be.subside.call.CallState;
import be.subside.call.Stage;
import be.subside.identity.Organisation;
import be.subside.identity.OrganisationService;
import be.subside.shared.DeadlinePassedException;
import be.subside.shared.Deadlines;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The applicant's side of a case and the case steps the process takes on its own. Every submission checks, in the
 * transaction that completes the task, that the user acts for the lead organisation and that the deadline has not
 * passed; a submission that races a deadline timer either wins or is told the deadline passed.
 */
@Service
public class ApplicationService {

    /** Longest project summary, as the preliminary-dossier form allows. */
    static final int MAX_TEXT = 4000;

    private final ApplicationRepository applications;
    private final InformationRequestRepository informationRequests;
    private final CallService calls;
    private final OrganisationService organisations;
    private final ApplicationWorkflow workflow;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final List<StageSubmissionParticipant> participants;

    ApplicationService(ApplicationRepository applications, InformationRequestRepository informationRequests,
            CallService calls, OrganisationService organisations, ApplicationWorkflow workflow, AuditTrail audit,
            Clock clock, PlatformTransactionManager transactionManager, List<StageSubmissionParticipant> participants) {
        this.applications = applications;
        this.informationRequests = informationRequests;
        this.calls = calls;
        this.organisations = organisations;
        this.workflow = workflow;
        this.audit = audit;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
        this.participants = List.copyOf(participants);
    }

    @Transactional(readOnly = true)
    public Application get(String reference) {
        return applications.findDetailedByReference(reference).orElseThrow(() -> unknown(reference));
    }

    @Transactional(readOnly = true)
    public Application get(Long id) {
        return applications.findDetailedById(id).orElseThrow(
                () -> new NotFoundException("application.unknown", "applicationId", "Unknown application " + id));
    }

    /**
     * A case for a portal user of its lead organisation. Another user gets the same refusal for a case that exists and
     * one that does not.
     */
    @Transactional(readOnly = true)
    public Application forApplicant(String reference, String userId) {
        Application application = applications.findDetailedByReference(reference).orElse(null);
        if (application == null || !organisations.isMember(application.getLeadOrganisation().getId(), userId)) {
            throw new ForbiddenException("application.notAvailable", "This case is not available to you");
        }
        return application;
    }

    /** The cases of the organisations the user acts for, newest first. */
    @Transactional(readOnly = true)
    public List<Application> mine(String userId) {
        List<Long> organisations = this.organisations.organisationsOf(userId);
        return organisations.isEmpty() ? List.of() : applications.findByLeadOrganisationIdInOrderByIdDesc(organisations);
    }

    @Transactional(readOnly = true)
    public List<InformationRequest> informationRequests(Long applicationId) {
        return informationRequests.findByApplicationIdOrderByIdAsc(applicationId);
    }

    /** Starts a stage-1 draft on an open call for the user's organisation. */
    @Transactional
    public Application startDraft(String callCode, Long leadOrganisationId, String userId) {
        Call call = calls.get(callCode);
        Organisation lead = organisations.get(leadOrganisationId);
        requireMember(lead, userId);
        if (call.getState() != CallState.OPEN) {
            throw new StateConflictException("call.notOpen", "Call " + callCode + " is not open (" + call.getState() + ")");
        }
        Instant now = clock.instant();
        if (!now.isBefore(call.getStage1Deadline())) {
            throw new DeadlinePassedException("stage 1 of call " + callCode, call.getStage1Deadline());
        }
        if (!call.getFunders().contains(lead.getCompetentAdministration())) {
            throw new InvalidInputException("application.administrationNotFunding", "leadOrganisationId",
                    lead.getCompetentAdministration() + " does not fund call " + callCode);
        }
        String reference = calls.nextReference(call.getId());
        Application application = applications.save(new Application(reference, call, lead, userId, now));
        audit.recordCase(call.getId(), application.getId(), "DRAFT_STARTED", userId,
                "Draft started for " + lead.getName());
        workflow.startApplication(application, call, lead, userId);
        return application;
    }

    /** Saves the preliminary dossier when the applicant asks; checks types and ranges, not completeness. */
    @Transactional
    public void saveStage1Draft(String reference, String userId, Stage1Content content) {
        Application application = fillDraft(reference, userId, content);
        audit.recordCase(application.getCall().getId(), application.getId(), "DRAFT_SAVED", userId, null);
    }

    /**
     * Saves the preliminary dossier as the applicant types (the portal's autosave, every few seconds): the same checks
     * as {@link #saveStage1Draft}, without an audit entry per keystroke pause.
     */
    @Transactional
    public void autosaveStage1Draft(String reference, String userId, Stage1Content content) {
        fillDraft(reference, userId, content);
    }

    private Application fillDraft(String reference, String userId, Stage1Content content) {
        Application application = owned(reference, userId);
        requireBefore(application.getCall(), Stage.STAGE1);
        fill(application, content, false);
        return application;
    }

    /** Submits the preliminary dossier: complete, in time, by a member of the lead organisation. */
    public Application submitStage1(String reference, String userId, Stage1Content content) {
        return retryingOnConcurrentUpdate(() -> {
            Application application = owned(reference, userId);
            requireBefore(application.getCall(), Stage.STAGE1);
            if (application.getState() == ApplicationState.DRAFT_EXPIRED) {
                throw new DeadlinePassedException("the preliminary dossier", application.getCall().getStage1Deadline());
            }
            fill(application, content, true);
            requireComplete(application, Stage.STAGE1);
            application.submitStage1(clock.instant());
            audit.recordCase(application.getCall().getId(), application.getId(), "STAGE1_SUBMITTED", userId,
                    "Preliminary dossier submitted, " + application.getPartners().size() + " partner(s), requested "
                            + application.getRequestedAmount() + " EUR");
            participants.forEach(p -> p.submitted(application, Stage.STAGE1, application.getStage1SubmittedAt()));
            workflow.completeApplicantTask(reference, ApplicantTask.SUBMIT_PRELIMINARY_DOSSIER, userId);
            return application;
        });
    }

    /** Answers an open request for missing information before its own deadline. */
    public void provideMissingInformation(String reference, String userId, String response) {
        retryingOnConcurrentUpdate(() -> {
            Application application = owned(reference, userId);
            if (response == null || response.isBlank()) {
                throw new InvalidInputException("missingInformationResponse.missing", "missingInformationResponse",
                        "The response is required");
            }
            if (response.length() > 8000) {
                throw new InvalidInputException("missingInformationResponse.tooLong", "missingInformationResponse",
                        "The response is longer than 8000 characters");
            }
            InformationRequest request = informationRequests
                    .findFirstByApplicationIdAndStatus(application.getId(), InformationRequest.Status.OPEN)
                    .orElseThrow(() -> new StateConflictException("informationRequest.none",
                            "No request for information is open on " + reference));
            Instant now = clock.instant();
            if (!now.isBefore(request.getDeadline())) {
                throw new DeadlinePassedException("the response to the information request", request.getDeadline());
            }
            request.answer(response.strip(), userId, now);
            application.moveTo(ApplicationState.INFORMATION_REQUESTED, ApplicationState.STAGE1_SUBMITTED);
            audit.recordCase(application.getCall().getId(), application.getId(), "INFORMATION_PROVIDED", userId, null);
            workflow.completeApplicantTask(reference, ApplicantTask.PROVIDE_MISSING_INFORMATION, userId);
            return null;
        });
    }

    /** Submits the subsidy request of a selected application before the stage-2 deadline. */
    public Application submitStage2(String reference, String userId, Stage2Content content) {
        return retryingOnConcurrentUpdate(() -> {
            Application application = owned(reference, userId);
            requireBefore(application.getCall(), Stage.STAGE2);
            if (application.getState() == ApplicationState.STAGE2_EXPIRED) {
                throw new DeadlinePassedException("the subsidy request", application.getCall().getStage2Deadline());
            }
            if (application.getState() != ApplicationState.SELECTED) {
                throw new StateConflictException("application.state",
                        "Application " + reference + " is " + application.getState() + ", not SELECTED");
            }
            validate(application, content, true);
            requireComplete(application, Stage.STAGE2);
            application.submitStage2(content, clock.instant());
            audit.recordCase(application.getCall().getId(), application.getId(), "STAGE2_SUBMITTED", userId,
                    "Subsidy request submitted, requested " + content.requestedAmount() + " EUR");
            participants.forEach(p -> p.submitted(application, Stage.STAGE2, application.getStage2SubmittedAt()));
            workflow.completeApplicantTask(reference, ApplicantTask.SUBMIT_SUBSIDY_REQUEST, userId);
            return application;
        });
    }

    /**
     * Saves the subsidy request as the applicant goes (explicitly, audited, or by the page's autosave, not audited):
     * only what is filled is checked; the case stays SELECTED until submitted.
     */
    @Transactional
    public void saveStage2Draft(String reference, String userId, Stage2Content content, boolean audited) {
        Application application = owned(reference, userId);
        requireBefore(application.getCall(), Stage.STAGE2);
        validate(application, content, false);
        application.saveStage2Draft(content);
        if (audited) {
            audit.recordCase(application.getCall().getId(), application.getId(), "STAGE2_DRAFT_SAVED", userId, null);
        }
    }

    /**
     * One batch of the drafts of a call whose stage 1 has closed: at most {@code limit} drafts still open are locked,
     * closed and given their audit entry, in the caller's transaction. Returns the ids of the drafts closed, in id
     * order; a draft is closed once only, since only drafts still open are taken.
     */
    @Transactional
    public List<Long> expireDrafts(String callCode, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A batch closes at least one draft, not " + limit);
        }
        Call call = calls.get(callCode);
        if (call.getState() == CallState.OPEN || call.getState() == CallState.DRAFT) {
            throw new StateConflictException("call.stage1.open",
                    "Stage 1 of call " + callCode + " is not closed; its drafts stay open");
        }
        List<Long> ids = applications.lockOpenDrafts(call.getId(), limit);
        if (ids.isEmpty()) {
            return ids;
        }
        Instant now = clock.instant();
        int closed = applications.closeDrafts(ids, now);
        if (closed != ids.size()) {
            throw new IllegalStateException(closed + " of " + ids.size() + " locked drafts closed");
        }
        String detail = "Not submitted before " + Deadlines.display(call.getStage1Deadline());
        Map<Long, String> entries = new LinkedHashMap<>();
        ids.forEach(id -> entries.put(id, detail));
        audit.recordCases(call.getId(), "DRAFT_EXPIRED", AuditTrail.SYSTEM, entries);
        return ids;
    }

    /** Whether any draft of the call is still open. */
    @Transactional(readOnly = true)
    public boolean hasOpenDrafts(String callCode) {
        return applications.existsByCallAndState(calls.get(callCode), ApplicationState.DRAFT);
    }

    /** The stage-2 deadline closed a subsidy request that was not submitted. */
    @Transactional
    public void expireStage2(Long applicationId) {
        Application application = lock(applicationId);
        application.close(ApplicationState.SELECTED, ApplicationState.STAGE2_EXPIRED, clock.instant());
        audit.recordCase(application.getCall().getId(), applicationId, "STAGE2_EXPIRED", AuditTrail.SYSTEM,
                "Not submitted before " + Deadlines.display(application.getCall().getStage2Deadline()));
    }

    /**
     * Staff asked for missing information: opens the request; its response deadline is the end of the Brussels day
     * {@code responseDays} days from now. Returns that deadline.
     */
    @Transactional
    public Instant requestMissingInformation(Long applicationId, String requestText, int responseDays, String actor) {
        Application application = lock(applicationId);
        Instant now = clock.instant();
        Instant deadline = Deadlines.endOfDay(Deadlines.brusselsDate(now).plusDays(responseDays));
        application.moveTo(ApplicationState.STAGE1_SUBMITTED, ApplicationState.INFORMATION_REQUESTED);
        informationRequests.save(new InformationRequest(applicationId, now, actor, requestText, deadline));
        audit.recordCase(application.getCall().getId(), applicationId, "INFORMATION_REQUESTED", actor,
                "Response due before " + Deadlines.display(deadline) + ": " + requestText);
        return deadline;
    }

    /** The response deadline of an information request passed without an answer: staff decide on what they have. */
    @Transactional
    public void lapseInformationRequest(Long applicationId) {
        Application application = lock(applicationId);
        InformationRequest request = informationRequests
                .findFirstByApplicationIdAndStatus(applicationId, InformationRequest.Status.OPEN)
                .orElseThrow(() -> new StateConflictException("informationRequest.none", "No open request"));
        request.lapse();
        application.moveTo(ApplicationState.INFORMATION_REQUESTED, ApplicationState.STAGE1_SUBMITTED);
        audit.recordCase(application.getCall().getId(), applicationId, "INFORMATION_NOT_PROVIDED", AuditTrail.SYSTEM,
                "No answer before " + Deadlines.display(request.getDeadline()));
    }

    private Application owned(String reference, String userId) {
        Application application = applications.findByReferenceForUpdate(reference).orElseThrow(() -> unknown(reference));
        requireMember(application.getLeadOrganisation(), userId);
        return application;
    }

    private void requireMember(Organisation organisation, String userId) {
        if (!organisations.isMember(organisation.getId(), userId)) {
            throw new ForbiddenException("application.notYourOrganisation",
                    "User " + userId + " does not act for " + organisation.getName());
        }
    }

    private void requireComplete(Application application, Stage stage) {
        List<String> missing = participants.stream().flatMap(p -> p.missing(application, stage).stream()).toList();
        if (!missing.isEmpty()) {
            throw new MissingPiecesException(missing);
        }
    }

    private void requireBefore(Call call, Stage stage) {
        Instant deadline = call.deadline(stage);
        if (!clock.instant().isBefore(deadline)) {
            throw new DeadlinePassedException(stage == Stage.STAGE1 ? "the preliminary dossier" : "the subsidy request",
                    deadline);
        }
    }

    private void fill(Application application, Stage1Content content, boolean complete) {
        Call call = application.getCall();
        String title = text(content.title(), "title", 200, complete);
        String summary = text(content.summary(), "summary", MAX_TEXT, complete);
        Set<be.subside.call.Measure> measures = content.measures() == null ? Set.of() : content.measures();
        Set<be.subside.call.Aim> aims = content.aims() == null ? Set.of() : content.aims();
        if (!call.getMeasures().containsAll(measures)) {
            throw new InvalidInputException("measures.notInCall", "measures", "A measure is not open in this call");
        }
        if (complete && measures.isEmpty()) {
            throw new InvalidInputException("measures.missing", "measures", "Choose at least one kind of mutualisation");
        }
        if (complete && aims.isEmpty()) {
            throw new InvalidInputException("aims.missing", "aims", "Choose at least one aim of the project");
        }
        List<Organisation> partners = partners(application, content.partnerEnterpriseNumbers());
        if (complete && partners.size() < call.getMinPartners()) {
            throw new InvalidInputException("partners.tooFew", "partnerEnterpriseNumbers", "This call requires at least "
                    + call.getMinPartners() + " partner organisation(s); " + partners.size() + " given");
        }
        BigDecimal amount = content.requestedAmount();
        if (amount == null) {
            if (complete) {
                throw new InvalidInputException("requestedAmount.missing", "requestedAmount", "The amount is required");
            }
        } else {
            requireAmount(amount, call.getBudgetEnvelope(), "requestedAmount");
        }
        application.fillStage1(title, summary, measures, aims, partners, amount);
    }

    /** The partners named by enterprise number; an error about one of them names it as partnerEnterpriseNumbers[n]. */
    private List<Organisation> partners(Application application, List<String> enterpriseNumbers) {
        List<Organisation> partners = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        if (enterpriseNumbers == null) {
            return partners;
        }
        for (int n = 0; n < enterpriseNumbers.size(); n++) {
            String number = enterpriseNumbers.get(n);
            if (number == null || number.isBlank()) {
                continue;
            }
            String field = "partnerEnterpriseNumbers[" + n + "]";
            Organisation partner = organisations.byEnterpriseNumber(number, field);
            if (partner.getId().equals(application.getLeadOrganisation().getId())) {
                throw new InvalidInputException("partners.isLead", field,
                        "The lead organisation cannot also be its own partner");
            }
            if (!seen.add(partner.getId())) {
                throw new InvalidInputException("partners.duplicate", field, "Partner " + number + " is listed twice");
            }
            partners.add(partner);
        }
        return partners;
    }

    /** The subsidy request's rules; for a draft ({@code complete} false) only on what is filled so far. */
    private void validate(Application application, Stage2Content content, boolean complete) {
        if (content == null) {
            throw new InvalidInputException("stage2.missing", null, "The subsidy request is empty");
        }
        BigDecimal envelope = application.getCall().getBudgetEnvelope();
        BigDecimal total = present(content.detailedBudgetTotal(), "detailedBudgetTotal", complete);
        if (total != null) {
            requireAmount(total, new BigDecimal("1000000000"), "detailedBudgetTotal");
        }
        BigDecimal requested = present(content.requestedAmount(), "requestedAmount", complete);
        if (requested != null) {
            requireAmount(requested, envelope, "requestedAmount");
        }
        if (total != null && requested != null && requested.compareTo(total) > 0) {
            throw new InvalidInputException("requestedAmount.aboveBudget", "requestedAmount",
                    "The requested amount cannot exceed the project's total budget");
        }
        LocalDate start = present(content.projectStartDate(), "projectStartDate", complete);
        if (start != null && start.isBefore(Deadlines.brusselsDate(clock.instant()).minusYears(1))) {
            throw new InvalidInputException("projectStartDate.tooEarly", "projectStartDate",
                    "The project cannot start more than a year ago");
        }
        Integer months = present(content.durationMonths(), "durationMonths", complete);
        if (months != null && (months < 1 || months > 36)) {
            throw new InvalidInputException("durationMonths.range", "durationMonths", "The duration is 1 to 36 months");
        }
        if (content.staffFte() != null && (content.staffFte().signum() < 0 || content.staffFte().compareTo(BigDecimal.valueOf(1000)) > 0)) {
            throw new InvalidInputException("staffFte.range", "staffFte", "Staff (FTE) must be between 0 and 1000");
        }
        text(content.workPlan(), "workPlan", 8000, complete);
    }

    private static <T> T present(T value, String field, boolean complete) {
        return complete ? required(value, field) : value;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInputException(field + ".missing", field, "The field " + field + " is required");
        }
        return value;
    }

    private static void requireAmount(BigDecimal amount, BigDecimal max, String field) {
        if (amount.signum() <= 0) {
            throw new InvalidInputException(field + ".notPositive", field, "The amount must be more than 0 EUR");
        }
        if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidInputException(field + ".cents", field, "The amount has more than 2 decimals");
        }
        if (amount.compareTo(max) > 0) {
            throw new InvalidInputException(field + ".tooHigh", field,
                    "The amount " + amount + " EUR exceeds the limit of " + max + " EUR");
        }
    }

    private static String text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInputException(field + ".missing", field, "The field " + field + " is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field + ".tooLong", field,
                    "The field " + field + " is longer than " + max + " characters");
        }
        return v;
    }

    private Application lock(Long applicationId) {
        return applications.findByIdForUpdate(applicationId).orElseThrow(
                () -> new NotFoundException("application.unknown", "applicationId", "Unknown application " + applicationId));
    }

    /**
     * Runs a submission in its own transaction. A deadline timer that fires at the same moment makes one of the two
     * transactions fail on its optimistic lock; a failed submission is retried, and then either goes through or finds
     * the deadline passed. Other errors are not retried.
     */
    private <T> T retryingOnConcurrentUpdate(Supplier<T> work) {
        ConcurrentCaseUpdateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return tx.execute(status -> work.get());
            } catch (ConcurrentCaseUpdateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static NotFoundException unknown(String reference) {
        return new NotFoundException("application.unknown", "reference", "Unknown application '" + reference + "'");
    }
}
