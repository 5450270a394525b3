package be.subside.evaluation;

import be.subside.application.Application;
import be.subside.application.ApplicationRepository;
import be.subside.application.ApplicationState;
import be.subside.audit.AuditTrail;
import be.subside.call.Call;
import be.subside.call.CallRepository;
import be.subside.call.CallState;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff, evaluator and committee decisions on cases. Every negative decision needs a written motivation (formal
 * motivation of administrative acts); a refusal without one is refused here, whatever the form or API that sent it.
 */
@Service
public class EvaluationService {

    static final int MIN_MOTIVATION = 20;
    /**
     * Longest text of a staff form: it reaches the engine as a string variable, which Camunda keeps in columns of 4,000
     * characters on PostgreSQL (ACT_RU_VARIABLE and its history). Longer, the task's completion failed on a database
     * error after every check had passed; now it is refused first, naming the field.
     */
    static final int MAX_FORM_TEXT = 4000;
    static final int MAX_SCORE = 20;

    private final ApplicationRepository applications;
    private final CallRepository calls;
    private final CaseDecisionRepository decisions;
    private final EvaluatorAssignments evaluators;
    private final AuditTrail audit;
    private final Clock clock;

    EvaluationService(ApplicationRepository applications, CallRepository calls, CaseDecisionRepository decisions,
            EvaluatorAssignments evaluators, AuditTrail audit, Clock clock) {
        this.applications = applications;
        this.calls = calls;
        this.decisions = decisions;
        this.evaluators = evaluators;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CaseDecision> decisions(Long applicationId) {
        return decisions.findByApplicationIdOrderByIdAsc(applicationId);
    }

    /** ADMISSIBLE, INCOMPLETE (information will be requested) or INADMISSIBLE (motivation required). */
    @Transactional
    public void recordAdmissibility(Long applicationId, String decision, String motivation, String missingInformation,
            Number responseDays, String actor) {
        Application application = lock(applicationId);
        requireState(application, ApplicationState.STAGE1_SUBMITTED);
        switch (decision == null ? "" : decision) {
            case "ADMISSIBLE" -> application.moveTo(ApplicationState.STAGE1_SUBMITTED, ApplicationState.ADMISSIBLE);
            case "INCOMPLETE" -> {
                requireText(missingInformation, "missingInformation", 2, MAX_FORM_TEXT);
                if (responseDays == null || responseDays.intValue() < 1 || responseDays.intValue() > 60
                        || responseDays.doubleValue() != responseDays.intValue()) {
                    throw new InvalidInputException("responseDays.range", "responseDays",
                            "The response time is a whole number of days from 1 to 60");
                }
            }
            case "INADMISSIBLE" -> {
                requireMotivation(motivation, "admissibilityMotivation");
                application.close(ApplicationState.STAGE1_SUBMITTED, ApplicationState.INADMISSIBLE, clock.instant());
            }
            default -> throw unknownOutcome("admissibilityDecision", decision);
        }
        save(application, DecisionKind.ADMISSIBILITY, decision,
                "INCOMPLETE".equals(decision) ? missingInformation.strip() : strip(motivation), null, null, null, actor);
    }

    @Transactional
    public void recordEligibility(Long applicationId, String decision, String motivation, String actor) {
        Application application = lock(applicationId);
        switch (decision == null ? "" : decision) {
            case "ELIGIBLE" -> application.moveTo(ApplicationState.ADMISSIBLE, ApplicationState.ELIGIBLE);
            case "INELIGIBLE" -> {
                requireMotivation(motivation, "eligibilityMotivation");
                application.close(ApplicationState.ADMISSIBLE, ApplicationState.INELIGIBLE, clock.instant());
            }
            default -> throw unknownOutcome("eligibilityDecision", decision);
        }
        save(application, DecisionKind.ELIGIBILITY, decision, strip(motivation), null, null, null, actor);
    }

    /**
     * Five criteria scored 0 to 20 each; the total out of 100 ranks the case. Only by the evaluator the case is assigned
     * to, once they have declared no conflict of interest.
     */
    @Transactional
    public int recordEvaluation(Long applicationId, Map<String, ? extends Number> scores, String comments, String actor) {
        Application application = lock(applicationId);
        evaluators.requireCleared(applicationId, actor);
        int total = 0;
        for (Map.Entry<String, ? extends Number> score : scores.entrySet()) {
            Number value = score.getValue();
            if (value == null || value.doubleValue() != value.intValue() || value.intValue() < 0
                    || value.intValue() > MAX_SCORE) {
                throw new InvalidInputException(score.getKey() + ".range", score.getKey(),
                        "Each score is a whole number from 0 to " + MAX_SCORE + "; " + score.getKey() + " is " + value);
            }
            total += value.intValue();
        }
        requireText(comments, "evaluationComments", MIN_MOTIVATION, MAX_FORM_TEXT);
        application.moveTo(ApplicationState.ELIGIBLE, ApplicationState.EVALUATED);
        save(application, DecisionKind.EVALUATION, "SCORED", comments.strip(), total, null, null, actor);
        return total;
    }

    /** Cases of the call still between submission and evaluation: the committee waits for them. */
    @Transactional(readOnly = true)
    public List<String> pendingEvaluations(String callCode) {
        Call call = call(callCode);
        return applications.findByCallAndStateIn(call, ApplicationState.AWAITING_EVALUATION).stream()
                .map(Application::getReference).sorted().toList();
    }

    /**
     * The evaluated cases of a call by score (highest first; equal scores by earlier submission), with the proposal:
     * in rank order, every case whose requested amount still fits in the budget envelope. Read in one query: a call
     * has hundreds to thousands of cases.
     */
    @Transactional(readOnly = true)
    public List<RankedApplication> ranking(String callCode) {
        return ranking(call(callCode));
    }

    List<RankedApplication> ranking(Call call) {
        BigDecimal remaining = call.getBudgetEnvelope();
        List<RankedApplication> ranking = new ArrayList<>();
        int rank = 0;
        for (RankingRow row : decisions.evaluatedCases(call.getId())) {
            boolean fits = row.requestedAmount().compareTo(remaining) <= 0;
            if (fits) {
                remaining = remaining.subtract(row.requestedAmount());
            }
            ranking.add(new RankedApplication(++rank, row.applicationId(), row.reference(), row.title(),
                    row.organisation(), row.score() == null ? 0 : row.score(), row.requestedAmount(), fits));
        }
        return ranking;
    }

    /**
     * The committee's decision on the whole call: the selected references must be evaluated cases of this call and their
     * requested amounts must fit in the envelope; every other evaluated case is not selected, with the motivation.
     * Returns, per evaluated reference, whether it was selected.
     */
    @Transactional
    public Map<String, Boolean> recordSelection(String callCode, List<String> selectedReferences, String motivation,
            String actor) {
        Call call = calls.findByCodeForUpdate(callCode).orElseThrow(() -> unknownCall(callCode));
        if (call.getState() != CallState.STAGE1_CLOSED) {
            throw new StateConflictException("call.selection.state", "Call " + callCode + " is " + call.getState()
                    + "; the selection is made once stage 1 is closed, and only once");
        }
        List<String> pending = pendingEvaluations(callCode);
        if (!pending.isEmpty()) {
            throw new StateConflictException("selection.pendingEvaluations",
                    pending.size() + " case(s) still under examination: " + String.join(", ", pending));
        }
        requireMotivation(motivation, "selectionMotivation");
        Map<String, Application> evaluated = new LinkedHashMap<>();
        for (Application a : applications.findByCallAndStateIn(call, Set.of(ApplicationState.EVALUATED))) {
            evaluated.put(a.getReference(), a);
        }
        Set<String> selected = new LinkedHashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String reference : selectedReferences) {
            Application a = evaluated.get(reference);
            if (a == null) {
                throw new InvalidInputException("selected.unknown", "selected",
                        reference + " is not an evaluated application of call " + callCode);
            }
            if (!selected.add(reference)) {
                throw new InvalidInputException("selected.duplicate", "selected", reference + " is listed twice");
            }
            total = total.add(a.getRequestedAmount());
        }
        if (total.compareTo(call.getBudgetEnvelope()) > 0) {
            throw new InvalidInputException("selected.overBudget", "selected", "The selection asks "
                    + total + " EUR, more than the budget envelope of " + call.getBudgetEnvelope() + " EUR");
        }
        Map<String, Boolean> outcome = new LinkedHashMap<>();
        for (Application a : evaluated.values()) {
            boolean isSelected = selected.contains(a.getReference());
            if (isSelected) {
                a.moveTo(ApplicationState.EVALUATED, ApplicationState.SELECTED);
            } else {
                a.close(ApplicationState.EVALUATED, ApplicationState.NOT_SELECTED, clock.instant());
            }
            save(a, DecisionKind.SELECTION, isSelected ? "SELECTED" : "NOT_SELECTED", motivation.strip(), null,
                    a.getRequestedAmount(), null, actor);
            outcome.put(a.getReference(), isSelected);
        }
        call.selectionDone();
        audit.recordCall(call.getId(), "SELECTION_DECIDED", actor,
                selected.size() + " of " + evaluated.size() + " selected, " + total + " EUR of " + call.getBudgetEnvelope());
        return outcome;
    }

    /** After the committee's decision: per evaluated case of the call, whether it was selected. */
    @Transactional(readOnly = true)
    public Map<String, Boolean> selectionOutcome(String callCode) {
        Map<String, Boolean> outcome = new LinkedHashMap<>();
        for (Application a : applications.findByCallAndStateIn(call(callCode),
                Set.of(ApplicationState.SELECTED, ApplicationState.NOT_SELECTED))) {
            outcome.put(a.getReference(), a.getState() == ApplicationState.SELECTED);
        }
        return outcome;
    }

    @Transactional
    public void recordAnalysis(Long applicationId, String opinion, BigDecimal proposedAmount, String report, String actor) {
        Application application = lock(applicationId);
        if (!"FAVOURABLE".equals(opinion) && !"UNFAVOURABLE".equals(opinion)) {
            throw unknownOutcome("analysisOpinion", opinion);
        }
        if (proposedAmount == null || proposedAmount.signum() < 0) {
            throw new InvalidInputException("proposedAmount.range", "proposedAmount", "The proposed amount is 0 or more");
        }
        requireText(report, "analysisReport", MIN_MOTIVATION, MAX_FORM_TEXT);
        application.moveTo(ApplicationState.STAGE2_SUBMITTED, ApplicationState.ANALYSED);
        save(application, DecisionKind.ANALYSIS, opinion, report.strip(), null, proposedAmount, null, actor);
    }

    /** The latest decision of a kind on a case, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<CaseDecision> latest(Long applicationId, DecisionKind kind) {
        return decisions.findFirstByApplicationIdAndKindOrderByIdDesc(applicationId, kind);
    }

    /** Who analysed the case: the grant decision must be taken by someone else (four eyes). */
    @Transactional(readOnly = true)
    public String analyst(Long applicationId) {
        return latest(applicationId, DecisionKind.ANALYSIS).map(CaseDecision::getDecidedBy).orElse(null);
    }

    /** Refuses the grant decision to the person who analysed the case. */
    public void requireSecondPair(Long applicationId, String actor) {
        String analyst = analyst(applicationId);
        if (actor != null && actor.equals(analyst)) {
            throw new ForbiddenException("grant.fourEyes",
                    "Four-eyes rule: " + actor + " analysed this case and cannot also decide the grant");
        }
    }

    @Transactional
    public void recordGrantDecision(Long applicationId, String decision, BigDecimal amount, String conditions,
            String motivation, String actor) {
        Application application = lock(applicationId);
        if (actor == null || actor.isBlank()) {
            throw new ForbiddenException("grant.anonymous", "A grant decision needs an identified decider");
        }
        requireSecondPair(applicationId, actor);
        switch (decision == null ? "" : decision) {
            case "GRANTED" -> {
                BigDecimal requested = application.getStage2().requestedAmount();
                if (amount == null || amount.signum() <= 0) {
                    throw new InvalidInputException("grantedAmount.missing", "grantedAmount",
                            "A grant needs an amount above 0 EUR");
                }
                if (amount.compareTo(requested) > 0) {
                    throw new InvalidInputException("grantedAmount.aboveRequest", "grantedAmount",
                            "The granted amount " + amount + " EUR exceeds the requested " + requested + " EUR");
                }
                requireMotivation(motivation, "grantMotivation");
                requireText(conditions, "grantConditions", 0, MAX_FORM_TEXT);
                application.close(ApplicationState.ANALYSED, ApplicationState.GRANTED, clock.instant());
            }
            case "REFUSED" -> {
                requireMotivation(motivation, "grantMotivation");
                application.close(ApplicationState.ANALYSED, ApplicationState.REFUSED, clock.instant());
                amount = null;
                conditions = null;
            }
            default -> throw unknownOutcome("grantDecision", decision);
        }
        save(application, DecisionKind.GRANT, decision, motivation.strip(), null, amount, strip(conditions), actor);
    }

    /** The call is decided once stage 2 is closed and no selected case waits for its grant decision. */
    @Transactional
    public boolean markCallDecidedIfComplete(String callCode) {
        Call call = calls.findByCodeForUpdate(callCode).orElseThrow(() -> unknownCall(callCode));
        if (call.getState() != CallState.STAGE2_CLOSED
                || applications.countByCallAndStateIn(call, ApplicationState.IN_STAGE2) > 0) {
            return false;
        }
        call.decided();
        audit.recordCall(call.getId(), "CALL_DECIDED", AuditTrail.SYSTEM, "Every selected case is decided");
        return true;
    }

    private void save(Application application, DecisionKind kind, String outcome, String motivation, Integer score,
            BigDecimal amount, String conditions, String actor) {
        decisions.save(new CaseDecision(application.getId(), kind, outcome, motivation, score, amount, conditions, actor,
                clock.instant()));
        audit.recordCase(application.getCall().getId(), application.getId(), kind + "_" + outcome, actor,
                score != null ? "score " + score + "/100" : amount != null ? amount + " EUR" : null);
    }

    static void requireState(Application application, ApplicationState state) {
        if (application.getState() != state) {
            throw new StateConflictException("application.state",
                    "Application " + application.getReference() + " is " + application.getState() + ", not " + state);
        }
    }

    static void requireMotivation(String motivation, String field) {
        if (motivation == null || motivation.isBlank()) {
            throw new InvalidInputException("motivation.missing", field,
                    "A negative decision must be motivated: the field " + field + " is required");
        }
        requireText(motivation, field, MIN_MOTIVATION, MAX_FORM_TEXT);
    }

    private static void requireText(String text, String field, int min, int max) {
        String t = text == null ? "" : text.strip();
        if (t.length() < min) {
            throw new InvalidInputException(field + ".tooShort", field,
                    "The field " + field + " needs at least " + min + " characters");
        }
        if (t.length() > max) {
            throw new InvalidInputException(field + ".tooLong", field,
                    "The field " + field + " is longer than " + max + " characters");
        }
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static InvalidInputException unknownOutcome(String field, String value) {
        return new InvalidInputException(field + ".unknown", field, "'" + value + "' is not a possible decision");
    }

    private Application lock(Long applicationId) {
        return applications.findByIdForUpdate(applicationId).orElseThrow(
                () -> new NotFoundException("application.unknown", "applicationId", "Unknown application " + applicationId));
    }

    private Call call(String callCode) {
        return calls.findByCode(callCode).orElseThrow(() -> unknownCall(callCode));
    }

    private static NotFoundException unknownCall(String callCode) {
        return new NotFoundException("call.unknown", "callCode", "Unknown call code '" + callCode + "'");
    }
}
