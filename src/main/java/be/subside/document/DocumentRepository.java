package be.subside.document;

import be.subside.call.Stage;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DocumentRepository extends JpaRepository<Document, Long> {

    List<Document> findByApplicationIdAndStageAndCurrentTrueOrderByIdAsc(Long applicationId, Stage stage);

    List<Document> findByApplicationIdAndCurrentTrueOrderByIdAsc(Long applicationId);

    List<Document> findByApplicationIdAndStageAndCurrentFalse(Long applicationId, Stage stage);

    List<Document> findByApplicationIdAndSlotKeyOrderByVersionAsc(Long applicationId, String slotKey);

    Optional<Document> findFirstByApplicationIdAndSlotKeyOrderByVersionDesc(Long applicationId, String slotKey);

    @Query("select coalesce(sum(d.size), 0) from Document d where d.applicationId = :applicationId")
    long totalSize(Long applicationId);

    long countByApplicationIdAndSlot(Long applicationId, String slot);
}
