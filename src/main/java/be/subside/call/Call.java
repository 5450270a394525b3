package be.subside.call;

import be.subside.shared.Deadlines;
import be.subside.shared.InvalidInputException;
import be.subside.shared.StateConflictException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A call for projects (appel à projets) in two stages. */
@Entity
@Table(name = "call_for_projects")
public class Call {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String code;

    @Column(name = "reference_prefix", nullable = false, length = 32)
    private String referencePrefix;

    @Column(name = "title_fr", nullable = false, length = 300)
    private String titleFr;

    @Column(name = "title_nl", nullable = false, length = 300)
    private String titleNl;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "call_funder", joinColumns = @JoinColumn(name = "call_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "administration", nullable = false, length = 16)
    private Set<Administration> funders = EnumSet.noneOf(Administration.class);

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "call_measure", joinColumns = @JoinColumn(name = "call_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "measure", nullable = false, length = 32)
    private Set<Measure> measures = EnumSet.noneOf(Measure.class);

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "call_aim", joinColumns = @JoinColumn(name = "call_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "aim", nullable = false, length = 32)
    private Set<Aim> aims = EnumSet.noneOf(Aim.class);

    @Column(name = "budget_envelope", nullable = false, precision = 14, scale = 2)
    private BigDecimal budgetEnvelope;

    @Column(name = "min_partners", nullable = false)
    private int minPartners;

    @Column(name = "stage1_deadline", nullable = false)
    private Instant stage1Deadline;

    @Column(name = "stage2_deadline", nullable = false)
    private Instant stage2Deadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private CallState state = CallState.DRAFT;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "call_required_document", joinColumns = @JoinColumn(name = "call_id"))
    @OrderColumn(name = "position")
    private List<RequiredDocument> requiredDocuments = new ArrayList<>();

    @Column(name = "last_application_number", nullable = false)
    private int lastApplicationNumber;

    @Version
    private long version;

    protected Call() {
    }

    public Call(String code, String referencePrefix, String titleFr, String titleNl, Set<Administration> funders,
            Set<Measure> measures, Set<Aim> aims, BigDecimal budgetEnvelope, int minPartners, Instant stage1Deadline,
            Instant stage2Deadline, List<RequiredDocument> requiredDocuments) {
        if (code == null || !code.matches("[A-Z0-9][A-Z0-9-]{1,63}")) {
            throw new InvalidInputException("call.code.invalid", "code",
                    "A call code is 2 to 64 upper-case letters, digits and dashes");
        }
        if (referencePrefix == null || !referencePrefix.matches("[A-Z0-9][A-Z0-9-]{1,31}")) {
            throw new InvalidInputException("call.referencePrefix.invalid", "referencePrefix",
                    "A reference prefix is 2 to 32 upper-case letters, digits and dashes");
        }
        if (budgetEnvelope == null || budgetEnvelope.signum() <= 0) {
            throw new InvalidInputException("call.budget.invalid", "budgetEnvelope", "The budget envelope must be positive");
        }
        if (funders == null || funders.isEmpty()) {
            throw new InvalidInputException("call.funders.empty", "funders", "A call has at least one funder");
        }
        if (minPartners < 0) {
            throw new InvalidInputException("call.minPartners.invalid", "minPartners", "Minimum partners cannot be negative");
        }
        requireOrdered(stage1Deadline, stage2Deadline);
        this.code = code;
        this.referencePrefix = referencePrefix;
        this.titleFr = titleFr;
        this.titleNl = titleNl;
        this.funders = EnumSet.copyOf(funders);
        this.measures = measures.isEmpty() ? EnumSet.noneOf(Measure.class) : EnumSet.copyOf(measures);
        this.aims = aims.isEmpty() ? EnumSet.noneOf(Aim.class) : EnumSet.copyOf(aims);
        this.budgetEnvelope = budgetEnvelope;
        this.minPartners = minPartners;
        this.stage1Deadline = stage1Deadline;
        this.stage2Deadline = stage2Deadline;
        this.requiredDocuments = new ArrayList<>(requiredDocuments);
    }

    /**
     * A copy of this call's configuration under a new code, with its stage-1 deadline at the end of {@code stage1Day}
     * and the same number of calendar days between the two deadlines (Brussels days, so daylight saving is respected).
     */
    public Call copyAs(String newCode, String newReferencePrefix, String titleSuffix, java.time.LocalDate stage1Day) {
        long gapDays = java.time.temporal.ChronoUnit.DAYS.between(Deadlines.brusselsDate(stage1Deadline),
                Deadlines.brusselsDate(stage2Deadline));
        return new Call(newCode, newReferencePrefix, titleFr + titleSuffix, titleNl + titleSuffix, funders, measures, aims,
                budgetEnvelope, minPartners, Deadlines.endOfDay(stage1Day), Deadlines.endOfDay(stage1Day.plusDays(gapDays)),
                requiredDocuments);
    }

    private static void requireOrdered(Instant stage1, Instant stage2) {
        if (stage1 == null || stage2 == null) {
            throw new InvalidInputException("call.deadline.missing", stage1 == null ? "stage1Deadline" : "stage2Deadline",
                    "Both stage deadlines are required");
        }
        if (!stage1.isBefore(stage2)) {
            throw new InvalidInputException("call.deadline.order", "stage2Deadline",
                    "The stage-2 deadline must come after the stage-1 deadline");
        }
    }

    /** Publication: the call opens for stage-1 drafts; its deadlines must still lie ahead. */
    void open(Instant now) {
        requireState(CallState.DRAFT, "call.publish.state");
        if (!now.isBefore(stage1Deadline)) {
            throw new InvalidInputException("call.deadline.past", "stage1Deadline",
                    "Cannot open a call whose stage-1 deadline has passed (" + Deadlines.display(stage1Deadline) + ")");
        }
        state = CallState.OPEN;
    }

    void closeStage1() {
        requireState(CallState.OPEN, "call.close.state");
        state = CallState.STAGE1_CLOSED;
    }

    public void selectionDone() {
        requireState(CallState.STAGE1_CLOSED, "call.selection.state");
        state = CallState.SELECTION_DONE;
    }

    void closeStage2() {
        requireState(CallState.SELECTION_DONE, "call.close.state");
        state = CallState.STAGE2_CLOSED;
    }

    public void decided() {
        requireState(CallState.STAGE2_CLOSED, "call.decided.state");
        state = CallState.DECIDED;
    }

    /**
     * Moves a stage's deadline later. Refused for a stage already closed, for an instant not after both the current
     * deadline and {@code now}, and when stage 1 would no longer end before stage 2.
     */
    void extend(Stage stage, Instant newDeadline, Instant now) {
        if (newDeadline == null) {
            throw new InvalidInputException("call.deadline.missing", "newDeadline", "The new deadline is required");
        }
        Instant current = deadline(stage);
        boolean stageOpen = stage == Stage.STAGE1 ? state == CallState.OPEN
                : state == CallState.OPEN || state == CallState.STAGE1_CLOSED || state == CallState.SELECTION_DONE;
        if (!stageOpen) {
            throw new StateConflictException("call.extend.closed",
                    "The " + stage + " deadline of call " + code + " cannot move: the call is " + state);
        }
        if (!newDeadline.isAfter(now)) {
            throw new InvalidInputException("call.extend.past", "newDeadline",
                    "A deadline cannot be moved into the past (" + Deadlines.display(newDeadline) + ")");
        }
        if (!newDeadline.isAfter(current)) {
            throw new InvalidInputException("call.extend.earlier", "newDeadline",
                    "An extension must move the deadline later than " + Deadlines.display(current));
        }
        if (stage == Stage.STAGE1) {
            requireOrdered(newDeadline, stage2Deadline);
            stage1Deadline = newDeadline;
        } else {
            stage2Deadline = newDeadline;
        }
    }

    /** An application reference, e.g. ANM-2024-0042 (CallService hands them out). */
    static String reference(String referencePrefix, int number) {
        return String.format("%s-%04d", referencePrefix, number);
    }

    private void requireState(CallState expected, String code) {
        if (state != expected) {
            throw new StateConflictException(code, "Call " + this.code + " is " + state + ", expected " + expected);
        }
    }

    public Instant deadline(Stage stage) {
        return stage == Stage.STAGE1 ? stage1Deadline : stage2Deadline;
    }

    public List<RequiredDocument> requiredDocuments(Stage stage) {
        return requiredDocuments.stream().filter(d -> d.stage() == stage).toList();
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getReferencePrefix() {
        return referencePrefix;
    }

    public String getTitleFr() {
        return titleFr;
    }

    public String getTitleNl() {
        return titleNl;
    }

    public Set<Administration> getFunders() {
        return Collections.unmodifiableSet(funders);
    }

    public Set<Measure> getMeasures() {
        return Collections.unmodifiableSet(measures);
    }

    public Set<Aim> getAims() {
        return Collections.unmodifiableSet(aims);
    }

    public BigDecimal getBudgetEnvelope() {
        return budgetEnvelope;
    }

    public int getMinPartners() {
        return minPartners;
    }

    public Instant getStage1Deadline() {
        return stage1Deadline;
    }

    public Instant getStage2Deadline() {
        return stage2Deadline;
    }

    public CallState getState() {
        return state;
    }

    public List<RequiredDocument> getRequiredDocuments() {
        return Collections.unmodifiableList(requiredDocuments);
    }
}
