package be.subside.document;

import be.subside.call.Stage;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * A case's documents. The lookups that the portal's pages and every submission make are JPQL: Hibernate caches the SQL
 * of a JPQL query, but translates a derived query anew at every call.
 */
public interface DocumentRepository extends JpaRepository<Document, Long> {

    @Query("select d from Document d where d.applicationId = :applicationId and d.stage = :stage and d.current = true"
            + " order by d.id")
    List<Document> findByApplicationIdAndStageAndCurrentTrueOrderByIdAsc(Long applicationId, Stage stage);

    @Query("select d from Document d where d.applicationId = :applicationId and d.current = true order by d.id")
    List<Document> findByApplicationIdAndCurrentTrueOrderByIdAsc(Long applicationId);

    @Query("select d from Document d where d.applicationId = :applicationId and d.stage = :stage and d.current = false")
    List<Document> findByApplicationIdAndStageAndCurrentFalse(Long applicationId, Stage stage);

    List<Document> findByApplicationIdAndSlotKeyOrderByVersionAsc(Long applicationId, String slotKey);

    Optional<Document> findFirstByApplicationIdAndSlotKeyOrderByVersionDesc(Long applicationId, String slotKey);

    @Query("select coalesce(sum(d.size), 0) from Document d where d.applicationId = :applicationId")
    long totalSize(Long applicationId);

    long countByApplicationIdAndSlot(Long applicationId, String slot);
}
