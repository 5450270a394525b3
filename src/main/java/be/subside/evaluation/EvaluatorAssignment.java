package be.subside.evaluation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A case offered to one evaluator. Until the evaluator declares, the case is theirs to judge for conflicts only; with
 * no conflict declared they evaluate it; with a conflict it goes to someone else and this row keeps the statement.
 */
@Entity
@Table(name = "evaluator_assignment")
public class EvaluatorAssignment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private Long applicationId;

    @Column(name = "evaluator_id", nullable = false, length = 128)
    private String evaluatorId;

    @Column(name = "assigned_at", nullable = false)
    private Instant assignedAt;

    @Column(name = "declared_at")
    private Instant declaredAt;

    private Boolean conflict;

    @Column(name = "conflict_statement", length = 4000)
    private String conflictStatement;

    protected EvaluatorAssignment() {
    }

    EvaluatorAssignment(Long applicationId, String evaluatorId, Instant assignedAt) {
        this.applicationId = applicationId;
        this.evaluatorId = evaluatorId;
        this.assignedAt = assignedAt;
    }

    void declare(boolean hasConflict, String statement, Instant at) {
        this.conflict = hasConflict;
        this.conflictStatement = statement;
        this.declaredAt = at;
    }

    /** Declared, with no conflict: the evaluator may read and evaluate the case. */
    public boolean isCleared() {
        return Boolean.FALSE.equals(conflict);
    }

    /** Assigned and not (yet) withdrawn by a declared conflict. */
    public boolean isActive() {
        return !Boolean.TRUE.equals(conflict);
    }

    public Long getApplicationId() {
        return applicationId;
    }

    public String getEvaluatorId() {
        return evaluatorId;
    }

    public Instant getAssignedAt() {
        return assignedAt;
    }

    public Instant getDeclaredAt() {
        return declaredAt;
    }

    public Boolean getConflict() {
        return conflict;
    }

    public String getConflictStatement() {
        return conflictStatement;
    }
}
