package be.subside.evaluation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A decision taken on a case by staff, an evaluator or the committee, with its formal motivation. */
@Entity
@Table(name = "case_decision")
public class CaseDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private Long applicationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DecisionKind kind;

    @Column(nullable = false, length = 32)
    private String outcome;

    @Column(length = 8000)
    private String motivation;

    private Integer score;

    @Column(precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(length = 4000)
    private String conditions;

    @Column(name = "decided_by", nullable = false, length = 128)
    private String decidedBy;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected CaseDecision() {
    }

    CaseDecision(Long applicationId, DecisionKind kind, String outcome, String motivation, Integer score,
            BigDecimal amount, String conditions, String decidedBy, Instant decidedAt) {
        this.applicationId = applicationId;
        this.kind = kind;
        this.outcome = outcome;
        this.motivation = motivation;
        this.score = score;
        this.amount = amount;
        this.conditions = conditions;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public DecisionKind getKind() {
        return kind;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getMotivation() {
        return motivation;
    }

    public Integer getScore() {
        return score;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getConditions() {
        return conditions;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }
}
