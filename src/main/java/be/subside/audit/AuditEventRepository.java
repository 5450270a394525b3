package be.subside.audit;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findByApplicationIdOrderByIdAsc(Long applicationId);

    List<AuditEvent> findByCallIdOrderByIdAsc(Long callId);
}
