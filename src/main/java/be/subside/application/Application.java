package be.subside.application;

import be.subside.call.Aim;
import be.subside.call.Call;
import be.subside.call.Measure;
import be.subside.identity.Organisation;
import be.subside.shared.StateConflictException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
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

/** The case: one project applying to one call, led by one organisation with its partners. */
@Entity
@Table(name = "application")
public class Application {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 48)
    private String reference;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "call_id", nullable = false)
    private Call call;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "lead_organisation_id", nullable = false)
    private Organisation leadOrganisation;

    @ManyToMany(fetch = FetchType.LAZY)
    @JoinTable(name = "application_partner", joinColumns = @JoinColumn(name = "application_id"),
            inverseJoinColumns = @JoinColumn(name = "organisation_id"))
    @OrderColumn(name = "position")
    private List<Organisation> partners = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_measure", joinColumns = @JoinColumn(name = "application_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "measure", nullable = false, length = 32)
    private Set<Measure> measures = EnumSet.noneOf(Measure.class);

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_aim", joinColumns = @JoinColumn(name = "application_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "aim", nullable = false, length = 32)
    private Set<Aim> aims = EnumSet.noneOf(Aim.class);

    @Column(length = 200)
    private String title;

    @Column(length = 4000)
    private String summary;

    @Column(name = "requested_amount", precision = 14, scale = 2)
    private BigDecimal requestedAmount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ApplicationState state = ApplicationState.DRAFT;

    @Column(name = "created_by", nullable = false, length = 128)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "stage1_submitted_at")
    private Instant stage1SubmittedAt;

    @Column(name = "stage2_submitted_at")
    private Instant stage2SubmittedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Embedded
    private Stage2Content stage2;

    @Version
    private long version;

    protected Application() {
    }

    Application(String reference, Call call, Organisation leadOrganisation, String createdBy, Instant createdAt) {
        this.reference = reference;
        this.call = call;
        this.leadOrganisation = leadOrganisation;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void fillStage1(String title, String summary, Set<Measure> measures, Set<Aim> aims, List<Organisation> partners,
            BigDecimal requestedAmount) {
        requireState(ApplicationState.DRAFT);
        this.title = title;
        this.summary = summary;
        // the collections change in place and only where they differ: a collection replaced by a new one is deleted
        // and written again in full at every save
        replace(this.measures, measures);
        replace(this.aims, aims);
        if (!this.partners.equals(partners)) {
            this.partners.clear();
            this.partners.addAll(partners);
        }
        this.requestedAmount = requestedAmount;
    }

    private static <E> void replace(Set<E> current, Set<E> wanted) {
        if (!current.equals(wanted)) {
            current.retainAll(wanted);
            current.addAll(wanted);
        }
    }

    void submitStage1(Instant at) {
        moveTo(ApplicationState.DRAFT, ApplicationState.STAGE1_SUBMITTED);
        stage1SubmittedAt = at;
    }

    void saveStage2Draft(Stage2Content content) {
        requireState(ApplicationState.SELECTED);
        stage2 = content;
    }

    void submitStage2(Stage2Content content, Instant at) {
        moveTo(ApplicationState.SELECTED, ApplicationState.STAGE2_SUBMITTED);
        stage2 = content;
        stage2SubmittedAt = at;
    }

    /** A state change decided by the process or by staff; {@code from} guards against acting on a stale case. */
    public void moveTo(ApplicationState from, ApplicationState to) {
        requireState(from);
        state = to;
    }

    /** Ends the case in a final state. */
    public void close(ApplicationState from, ApplicationState to, Instant at) {
        moveTo(from, to);
        closedAt = at;
    }

    private void requireState(ApplicationState expected) {
        if (state != expected) {
            throw new StateConflictException("application.state",
                    "Application " + reference + " is " + state + ", not " + expected);
        }
    }

    public Long getId() {
        return id;
    }

    public String getReference() {
        return reference;
    }

    public Call getCall() {
        return call;
    }

    public Organisation getLeadOrganisation() {
        return leadOrganisation;
    }

    public List<Organisation> getPartners() {
        return Collections.unmodifiableList(partners);
    }

    public Set<Measure> getMeasures() {
        return Collections.unmodifiableSet(measures);
    }

    public Set<Aim> getAims() {
        return Collections.unmodifiableSet(aims);
    }

    public String getTitle() {
        return title;
    }

    public String getSummary() {
        return summary;
    }

    public BigDecimal getRequestedAmount() {
        return requestedAmount;
    }

    public ApplicationState getState() {
        return state;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStage1SubmittedAt() {
        return stage1SubmittedAt;
    }

    public Instant getStage2SubmittedAt() {
        return stage2SubmittedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public Stage2Content getStage2() {
        return stage2;
    }
}
