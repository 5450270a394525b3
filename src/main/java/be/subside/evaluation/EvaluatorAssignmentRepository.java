package be.subside.evaluation;

import be.subside.application.ApplicationState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface EvaluatorAssignmentRepository extends JpaRepository<EvaluatorAssignment, Long> {

    List<EvaluatorAssignment> findByApplicationIdOrderByIdAsc(Long applicationId);

    Optional<EvaluatorAssignment> findByApplicationIdAndEvaluatorId(Long applicationId, String evaluatorId);

    /** Per evaluator, the cases assigned to them (conflicts excluded) that still wait for their evaluation. */
    @Query("""
            select e.evaluatorId, count(e) from EvaluatorAssignment e, Application a
            where a.id = e.applicationId and a.state in :states and (e.conflict is null or e.conflict = false)
            group by e.evaluatorId""")
    List<Object[]> openLoadPerEvaluator(Collection<ApplicationState> states);
}
