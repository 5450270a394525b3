package be.subside.evaluation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CaseDecisionRepository extends JpaRepository<CaseDecision, Long> {

    List<CaseDecision> findByApplicationIdOrderByIdAsc(Long applicationId);

    Optional<CaseDecision> findFirstByApplicationIdAndKindOrderByIdDesc(Long applicationId, DecisionKind kind);
}
