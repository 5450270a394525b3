package be.subside.evaluation;

import be.subside.application.Application;
import be.subside.application.ApplicationRepository;
import be.subside.application.ApplicationState;
import be.subside.application.EvaluatorClearance;
import be.subside.audit.AuditTrail;
import be.subside.shared.ForbiddenException;
import be.subside.shared.InvalidInputException;
import be.subside.shared.NotFoundException;
import be.subside.shared.StateConflictException;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who evaluates a case. The case goes to the evaluator of the pool with the fewest cases waiting for them (equal loads
 * by id); that evaluator first declares, on their honour, whether they have a conflict of interest with the applicant
 * or its partners. With none, they alone read and evaluate the case; with one, their statement is kept and the case
 * goes to the next evaluator, never back to them.
 */
@Service
public class EvaluatorAssignments implements EvaluatorClearance {

    public static final String NO_CONFLICT = "NO_CONFLICT";
    public static final String CONFLICT = "CONFLICT";
    static final int MIN_STATEMENT = 20;

    private final ApplicationRepository applications;
    private final EvaluatorAssignmentRepository assignments;
    private final AuditTrail audit;
    private final Clock clock;

    EvaluatorAssignments(ApplicationRepository applications, EvaluatorAssignmentRepository assignments, AuditTrail audit,
            Clock clock) {
        this.applications = applications;
        this.assignments = assignments;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Assigns the eligible case to an evaluator of the pool and returns their id. Run again (a retried step), it returns
     * the evaluator already assigned. Refused when every evaluator of the pool has declared a conflict on this case.
     */
    @Transactional
    public String assign(Long applicationId, Collection<String> pool) {
        Application application = lock(applicationId);
        EvaluationService.requireState(application, ApplicationState.ELIGIBLE);
        List<EvaluatorAssignment> earlier = assignments.findByApplicationIdOrderByIdAsc(applicationId);
        Optional<EvaluatorAssignment> current = earlier.stream().filter(EvaluatorAssignment::isActive).findFirst();
        if (current.isPresent()) {
            return current.get().getEvaluatorId();
        }
        Set<String> excluded = earlier.stream().map(EvaluatorAssignment::getEvaluatorId).collect(Collectors.toSet());
        Map<String, Long> load = new HashMap<>();
        for (Object[] row : assignments.openLoadPerEvaluator(ApplicationState.AWAITING_EVALUATION)) {
            load.put((String) row[0], (Long) row[1]);
        }
        String evaluator = pool.stream().filter(candidate -> !excluded.contains(candidate))
                .min(Comparator.<String>comparingLong(candidate -> load.getOrDefault(candidate, 0L))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow(() -> new StateConflictException("evaluation.noEvaluatorAvailable", "No evaluator is "
                        + "available for " + application.getReference() + ": the pool has " + pool.size()
                        + " evaluator(s) and " + excluded.size() + " declared a conflict of interest on this case. "
                        + "Add an evaluator to the group, then retry this step."));
        assignments.save(new EvaluatorAssignment(applicationId, evaluator, clock.instant()));
        audit.recordCase(application.getCall().getId(), applicationId, "EVALUATOR_ASSIGNED", AuditTrail.SYSTEM, evaluator);
        return evaluator;
    }

    /**
     * The assigned evaluator's declaration, on their honour ({@code sworn}): {@link #NO_CONFLICT}, or {@link #CONFLICT}
     * with a statement of what links them to the applicant or a partner. Only the evaluator can declare, once.
     */
    @Transactional
    public void declare(Long applicationId, String evaluatorId, String actor, String declaration, String statement,
            Boolean sworn) {
        Application application = lock(applicationId);
        if (actor == null || !actor.equals(evaluatorId)) {
            throw new ForbiddenException("evaluation.notAssigned",
                    "Only the evaluator the case is assigned to declares their conflicts of interest");
        }
        EvaluatorAssignment assignment = assignments.findByApplicationIdAndEvaluatorId(applicationId, evaluatorId)
                .orElseThrow(() -> new ForbiddenException("evaluation.notAssigned",
                        application.getReference() + " is not assigned to " + evaluatorId));
        if (assignment.getDeclaredAt() != null) {
            throw new StateConflictException("conflictDeclaration.alreadyDeclared",
                    evaluatorId + " already declared on " + application.getReference());
        }
        if (!Boolean.TRUE.equals(sworn)) {
            throw new InvalidInputException("declarationSworn.required", "declarationSworn",
                    "The declaration is made on one's honour: tick the box declarationSworn");
        }
        boolean conflict;
        switch (declaration == null ? "" : declaration) {
            case NO_CONFLICT -> conflict = false;
            case CONFLICT -> {
                conflict = true;
                String s = statement == null ? "" : statement.strip();
                if (s.length() < MIN_STATEMENT || s.length() > 4000) {
                    throw new InvalidInputException("conflictStatement.length", "conflictStatement",
                            "Say in " + MIN_STATEMENT + " to 4000 characters what links you to the applicant or a partner");
                }
            }
            default -> throw new InvalidInputException("conflictDeclaration.unknown", "conflictDeclaration",
                    "'" + declaration + "' is not a possible declaration");
        }
        assignment.declare(conflict, conflict ? statement.strip() : null, clock.instant());
        audit.recordCase(application.getCall().getId(), applicationId,
                conflict ? "CONFLICT_OF_INTEREST_DECLARED" : "NO_CONFLICT_OF_INTEREST_DECLARED", actor, null);
    }

    /** Refuses the evaluation to anyone but the evaluator who declared no conflict on the case. */
    void requireCleared(Long applicationId, String actor) {
        if (actor == null || !isCleared(applicationId, actor)) {
            throw new ForbiddenException("evaluation.notCleared", "Only the evaluator assigned to the case, after "
                    + "declaring no conflict of interest, evaluates it");
        }
    }

    @Transactional(readOnly = true)
    public List<EvaluatorAssignment> of(Long applicationId) {
        return assignments.findByApplicationIdOrderByIdAsc(applicationId);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isAssigned(Long applicationId, String evaluatorId) {
        return assignments.findByApplicationIdAndEvaluatorId(applicationId, evaluatorId)
                .filter(EvaluatorAssignment::isActive).isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isCleared(Long applicationId, String evaluatorId) {
        return assignments.findByApplicationIdAndEvaluatorId(applicationId, evaluatorId)
                .filter(EvaluatorAssignment::isCleared).isPresent();
    }

    private Application lock(Long applicationId) {
        return applications.findByIdForUpdate(applicationId).orElseThrow(
                () -> new NotFoundException("application.unknown", "applicationId", "Unknown application " + applicationId));
    }
}
