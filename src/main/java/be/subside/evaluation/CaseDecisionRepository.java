package be.subside.evaluation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CaseDecisionRepository extends JpaRepository<CaseDecision, Long> {

    List<CaseDecision> findByApplicationIdOrderByIdAsc(Long applicationId);

    Optional<CaseDecision> findFirstByApplicationIdAndKindOrderByIdDesc(Long applicationId, DecisionKind kind);

    /**
     * Every evaluated case of the call with its latest evaluation score, best first; equal scores by earlier
     * submission, then by reference. One query whatever the number of cases.
     */
    @Query("""
            select new be.subside.evaluation.RankingRow(a.id, a.reference, a.title, o.name, d.score, a.requestedAmount)
            from CaseDecision d join Application a on a.id = d.applicationId join a.leadOrganisation o
            where a.call.id = :callId and d.kind = be.subside.evaluation.DecisionKind.EVALUATION
              and d.id = (select max(e.id) from CaseDecision e
                          where e.applicationId = a.id and e.kind = be.subside.evaluation.DecisionKind.EVALUATION)
            order by d.score desc, a.stage1SubmittedAt asc, a.reference asc
            """)
    List<RankingRow> evaluatedCases(Long callId);

    /** The committee's decisions on the cases of a call: empty until the selection is decided. */
    @Query("""
            select d from CaseDecision d join Application a on a.id = d.applicationId
            where a.call.id = :callId and d.kind = be.subside.evaluation.DecisionKind.SELECTION
            """)
    List<CaseDecision> selectionDecisions(Long callId);
}
