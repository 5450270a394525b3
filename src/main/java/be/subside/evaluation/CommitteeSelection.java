package be.subside.evaluation;

import be.subside.application.Application;
import be.subside.application.ApplicationRepository;
import be.subside.application.ApplicationState;
import be.subside.audit.AuditTrail;
import be.subside.call.Call;
import be.subside.call.CallRepository;
import be.subside.call.CallState;
import be.subside.identity.Caller;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The committee's selection of a call: composed on the staff selection page, decided in the committee's task. The
 * ranking comes from our tables and the selection being composed is kept in them ({@link SelectionDraft}), never in
 * the process, since a call has hundreds to thousands of cases. Claiming the task saves the ranking's proposal as the
 * first draft; the committee then saves its own selection as often as it likes (each save checked against the
 * envelope and against the revision the page was opened on); completing the task decides exactly what is saved, once
 * the form confirms its number of cases and total.
 * <p>
 * The committee reads and saves; managers read; anyone else learns nothing, not even whether the call exists.
 */
@Service
public class CommitteeSelection {

    /** How many of the cases still under examination a sheet names (it counts them all). */
    static final int PENDING_NAMED = 50;
    /** How many references of a save's changes the audit entry names. */
    static final int AUDIT_NAMED = 100;

    private final CallRepository calls;
    private final ApplicationRepository applications;
    private final CaseDecisionRepository decisions;
    private final SelectionDraftRepository drafts;
    private final EvaluationService evaluations;
    private final AuditTrail audit;
    private final Clock clock;

    CommitteeSelection(CallRepository calls, ApplicationRepository applications, CaseDecisionRepository decisions,
            SelectionDraftRepository drafts, EvaluationService evaluations, AuditTrail audit, Clock clock) {
        this.calls = calls;
        this.applications = applications;
        this.decisions = decisions;
        this.drafts = drafts;
        this.evaluations = evaluations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A line of the sheet: the ranked case, whether the selection holds it, the selection's total down to it. */
    public record Line(RankedApplication ranked, boolean selected, BigDecimal runningTotal, boolean overEnvelope) {
    }

    /**
     * What the selection page shows. {@code revision} is 0 while nothing is saved; {@code selected*} describe the lines
     * as shown (the saved selection, or the refused attempt when {@code attempt}); {@code saved*} the saved one, which
     * the task's form must confirm.
     */
    public record Sheet(String callCode, String titleFr, String titleNl, CallState state, BigDecimal envelope,
            Instant stage1Deadline, List<Line> lines, int pendingCount, List<String> pendingNamed, long revision,
            String savedBy, Instant savedAt, int savedCount, BigDecimal savedTotal, int selectedCount,
            BigDecimal selectedTotal, int proposedCount, BigDecimal proposedTotal, boolean attempt, boolean decided,
            String decidedBy, Instant decidedAt, boolean mayEdit) {

        /** The envelope left by the selection as shown (negative when the shown selection is over it). */
        public BigDecimal remaining() {
            return envelope.subtract(selectedTotal);
        }

        /** The selection can be saved now (by the committee): stage 1 closed, nothing under examination, not decided. */
        public boolean open() {
            return state == CallState.STAGE1_CLOSED && pendingCount == 0;
        }
    }

    /** The sheet of the call for someone who may read it: the saved selection, or the proposal while none is saved. */
    @Transactional(readOnly = true)
    public Sheet sheet(String callCode, Caller caller) {
        return sheet(readable(callCode, caller), caller, null);
    }

    /**
     * The sheet with {@code attempted} shown as the selection (the references of it that are in the ranking), for a
     * save that was refused: the committee sees what it asked, with its totals, beside what is saved.
     */
    @Transactional(readOnly = true)
    public Sheet sheetWithAttempt(String callCode, Caller caller, Collection<String> attempted) {
        return sheet(readable(callCode, caller), caller, attempted);
    }

    /** Refuses anyone who may not read the call's selection, as if the call did not exist. */
    @Transactional(readOnly = true)
    public void requireReader(String callCode, Caller caller) {
        readable(callCode, caller);
    }

    /**
     * Saves the committee's selection: the references of evaluated cases of the call, within the envelope, saved over
     * the revision the page was opened on. Refused, with nothing changed, for anything else.
     */
    @Transactional
    public Sheet save(String callCode, List<String> references, long revision, Caller caller) {
        Call call = writable(callCode, caller);
        List<RankedApplication> ranking = evaluations.ranking(call);
        Map<String, RankedApplication> byReference = new LinkedHashMap<>();
        ranking.forEach(r -> byReference.put(r.reference(), r));
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        List<Long> ids = new ArrayList<>();
        for (String reference : references) {
            RankedApplication ranked = byReference.get(reference);
            if (ranked == null) {
                throw new InvalidInputException("selected.unknown", "selected",
                        "'" + reference + "' is not an evaluated application of call " + callCode);
            }
            if (!seen.add(reference)) {
                throw new InvalidInputException("selected.duplicate", "selected", reference + " is listed twice");
            }
            total = total.add(ranked.requestedAmount());
            ids.add(ranked.applicationId());
        }
        if (total.compareTo(call.getBudgetEnvelope()) > 0) {
            throw new InvalidInputException("selected.overBudget", "selected", "The selection asks " + total
                    + " EUR, more than the budget envelope of " + call.getBudgetEnvelope() + " EUR");
        }
        store(call, ranking, ids, revision, caller.userId(), "SELECTION_DRAFT_SAVED");
        return sheet(call, caller, null);
    }

    /** Saves the ranking's proposal as the selection (the committee starts over from it). */
    @Transactional
    public Sheet saveProposal(String callCode, long revision, Caller caller) {
        Call call = writable(callCode, caller);
        List<RankedApplication> ranking = evaluations.ranking(call);
        store(call, ranking, ranking.stream().filter(RankedApplication::proposed).map(RankedApplication::applicationId)
                .toList(), revision, caller.userId(), "SELECTION_DRAFT_SAVED");
        return sheet(call, caller, null);
    }

    /**
     * When a committee member claims the selection task: refused while any case is still under examination;
     * otherwise, unless a selection is already saved, the ranking's proposal becomes the first one.
     */
    @Transactional
    public void prepare(String callCode, String actor) {
        Call call = locked(callCode);
        requireNothingPending(call);
        if (call.getState() == CallState.STAGE1_CLOSED && drafts.findById(call.getId()).isEmpty()) {
            List<RankedApplication> ranking = evaluations.ranking(call);
            store(call, ranking, ranking.stream().filter(RankedApplication::proposed)
                    .map(RankedApplication::applicationId).toList(), 0, actor, "SELECTION_DRAFT_PROPOSED");
        }
    }

    /**
     * The committee's decision, from its task: the form confirms the number of cases and the total of the saved
     * selection (a form filled before the last save is refused), then exactly the saved selection is recorded, with
     * every check of {@link EvaluationService#recordSelection}. Returns, per evaluated reference, whether it was
     * selected.
     */
    @Transactional
    public Map<String, Boolean> decide(String callCode, Number count, BigDecimal total, String motivation,
            String actor) {
        Call call = locked(callCode);
        SelectionDraft draft = drafts.findById(call.getId()).orElseThrow(() -> new InvalidInputException(
                "selection.none", "selection", "Aucune sélection n'est enregistrée pour l'appel " + callCode
                        + " : enregistrez-la sur la page de sélection / Er is geen selectie opgeslagen voor oproep "
                        + callCode + ": sla ze op via de selectiepagina"));
        if (count == null) {
            throw new InvalidInputException("selectionCount.missing", "selectionCount",
                    "selectionCount : indiquez le nombre de dossiers sélectionnés / vul het aantal geselecteerde"
                            + " dossiers in");
        }
        if (total == null) {
            throw new InvalidInputException("selectionTotal.missing", "selectionTotal",
                    "selectionTotal : indiquez le total demandé par la sélection / vul het totaal in dat de selectie"
                            + " vraagt");
        }
        List<RankedApplication> selected = evaluations.ranking(call).stream()
                .filter(r -> draft.getApplicationIds().contains(r.applicationId())).toList();
        BigDecimal savedTotal = total(selected);
        String saved = " (sélection enregistrée / opgeslagen selectie: " + selected.size() + ", " + savedTotal
                + " EUR, révision / revisie " + draft.getRevision() + ", " + draft.getSavedBy() + ")";
        if (count.doubleValue() != selected.size()) {
            throw new InvalidInputException("selectionCount.stale", "selectionCount", "selectionCount : le formulaire"
                    + " confirme " + count + " dossier(s), la sélection enregistrée en compte " + selected.size()
                    + " ; rechargez la sélection et reportez ses chiffres / het formulier bevestigt " + count
                    + " dossier(s), de opgeslagen selectie telt er " + selected.size()
                    + "; herlaad de selectie en neem haar cijfers over" + saved);
        }
        if (total.compareTo(savedTotal) != 0) {
            throw new InvalidInputException("selectionTotal.stale", "selectionTotal", "selectionTotal : le formulaire"
                    + " confirme " + total + " EUR, la sélection enregistrée demande " + savedTotal
                    + " EUR ; rechargez la sélection et reportez ses chiffres / het formulier bevestigt " + total
                    + " EUR, de opgeslagen selectie vraagt " + savedTotal
                    + " EUR; herlaad de selectie en neem haar cijfers over" + saved);
        }
        return evaluations.recordSelection(callCode, selected.stream().map(RankedApplication::reference).toList(),
                motivation, actor);
    }

    private void store(Call call, List<RankedApplication> ranking, List<Long> ids, long revision, String actor,
            String auditType) {
        SelectionDraft draft = drafts.findById(call.getId()).orElseGet(() -> new SelectionDraft(call.getId()));
        if (draft.getRevision() != revision) {
            throw new StateConflictException("selection.stale", "The selection was saved again (revision "
                    + draft.getRevision() + " by " + draft.getSavedBy() + ") after this page showed revision "
                    + revision + ": reload it");
        }
        Set<Long> before = draft.getApplicationIds();
        draft.replace(ids, actor, clock.instant());
        drafts.save(draft);
        Set<Long> after = Set.copyOf(ids);
        List<RankedApplication> selected = ranking.stream().filter(r -> after.contains(r.applicationId())).toList();
        audit.recordCall(call.getId(), auditType, actor, "revision " + draft.getRevision() + ": " + selected.size()
                + " of " + ranking.size() + " selected, " + total(selected) + " EUR of " + call.getBudgetEnvelope()
                + " EUR" + changes("added", ranking, r -> after.contains(r) && !before.contains(r))
                + changes("removed", ranking, r -> before.contains(r) && !after.contains(r)));
    }

    private static String changes(String label, List<RankedApplication> ranking,
            java.util.function.Predicate<Long> changed) {
        List<String> references = ranking.stream().filter(r -> changed.test(r.applicationId()))
                .map(RankedApplication::reference).toList();
        if (references.isEmpty()) {
            return "";
        }
        String named = references.stream().limit(AUDIT_NAMED).collect(Collectors.joining(", "));
        return "; " + label + " " + named + (references.size() > AUDIT_NAMED
                ? " and " + (references.size() - AUDIT_NAMED) + " more" : "");
    }

    private Sheet sheet(Call call, Caller caller, Collection<String> attempted) {
        List<RankedApplication> ranking = evaluations.ranking(call);
        SelectionDraft draft = drafts.findById(call.getId()).orElse(null);
        boolean decided = call.getState().compareTo(CallState.SELECTION_DONE) >= 0;
        String decidedBy = null;
        Instant decidedAt = null;
        Set<Long> saved;
        if (decided) {
            // what was decided, from the decisions themselves
            List<CaseDecision> outcomes = decisions.selectionDecisions(call.getId());
            saved = outcomes.stream().filter(d -> "SELECTED".equals(d.getOutcome())).map(CaseDecision::getApplicationId)
                    .collect(Collectors.toSet());
            if (!outcomes.isEmpty()) {
                decidedBy = outcomes.get(0).getDecidedBy();
                decidedAt = outcomes.get(0).getDecidedAt();
            }
        } else {
            saved = draft != null ? draft.getApplicationIds() : ranking.stream().filter(RankedApplication::proposed)
                    .map(RankedApplication::applicationId).collect(Collectors.toSet());
        }
        Set<Long> shown = saved;
        if (attempted != null) {
            Set<String> asked = Set.copyOf(attempted);
            shown = ranking.stream().filter(r -> asked.contains(r.reference())).map(RankedApplication::applicationId)
                    .collect(Collectors.toSet());
        }
        List<Line> lines = new ArrayList<>(ranking.size());
        BigDecimal running = BigDecimal.ZERO;
        for (RankedApplication r : ranking) {
            boolean selected = shown.contains(r.applicationId());
            if (selected) {
                running = running.add(r.requestedAmount());
            }
            lines.add(new Line(r, selected, running, running.compareTo(call.getBudgetEnvelope()) > 0));
        }
        List<RankedApplication> savedLines = ranking.stream().filter(r -> saved.contains(r.applicationId())).toList();
        List<RankedApplication> shownLines = lines.stream().filter(Line::selected).map(Line::ranked).toList();
        List<RankedApplication> proposed = ranking.stream().filter(RankedApplication::proposed).toList();
        List<String> pending = call.getState() == CallState.STAGE1_CLOSED ? evaluations.pendingEvaluations(call.getCode())
                : List.of();
        return new Sheet(call.getCode(), call.getTitleFr(), call.getTitleNl(), call.getState(),
                call.getBudgetEnvelope(), call.getStage1Deadline(), lines, pending.size(),
                pending.stream().limit(PENDING_NAMED).toList(), draft == null ? 0 : draft.getRevision(),
                draft == null ? null : draft.getSavedBy(), draft == null ? null : draft.getSavedAt(), savedLines.size(),
                total(savedLines), shownLines.size(), total(shownLines), proposed.size(), total(proposed),
                attempted != null, decided, decidedBy, decidedAt, committee(caller));
    }

    private static BigDecimal total(List<RankedApplication> lines) {
        return lines.stream().map(RankedApplication::requestedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static boolean committee(Caller caller) {
        return caller.staffGroups().contains(Caller.COMMITTEE);
    }

    private Call readable(String callCode, Caller caller) {
        if (!committee(caller) && !caller.staffGroups().contains(Caller.MANAGERS)) {
            throw unknownCall(callCode);
        }
        return calls.findByCode(callCode).orElseThrow(() -> unknownCall(callCode));
    }

    /** The call, locked, for a committee member, once its selection can be made and until it is decided. */
    private Call writable(String callCode, Caller caller) {
        readable(callCode, caller);
        if (!committee(caller)) {
            throw new ForbiddenException("selection.readOnly", "Managers read the selection; only the committee"
                    + " composes it");
        }
        Call call = locked(callCode);
        if (call.getState() != CallState.STAGE1_CLOSED) {
            throw new StateConflictException("call.selection.state", "Call " + callCode + " is " + call.getState()
                    + "; the selection is composed once stage 1 is closed, until it is decided");
        }
        requireNothingPending(call);
        return call;
    }

    private void requireNothingPending(Call call) {
        List<String> pending = applications.findByCallAndStateIn(call, ApplicationState.AWAITING_EVALUATION).stream()
                .map(Application::getReference).sorted().toList();
        if (!pending.isEmpty()) {
            throw new StateConflictException("selection.pendingEvaluations", pending.size()
                    + " case(s) still under examination: " + pending.stream().limit(PENDING_NAMED)
                    .collect(Collectors.joining(", ")) + (pending.size() > PENDING_NAMED ? ", …" : ""));
        }
    }

    private Call locked(String callCode) {
        return calls.findByCodeForUpdate(callCode).orElseThrow(() -> unknownCall(callCode));
    }

    private static NotFoundException unknownCall(String callCode) {
        return new NotFoundException("call.unknown", "callCode", "Unknown call code '" + callCode + "'");
    }
}
