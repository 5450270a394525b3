package be.subside.notification;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OutboxRepository extends JpaRepository<OutboxMessage, Long> {

    boolean existsByIdempotencyKey(String idempotencyKey);

    List<OutboxMessage> findByApplicationIdOrderByIdAsc(Long applicationId);

    List<OutboxMessage> findByStatusInOrderByIdDesc(Collection<OutboxMessage.Status> statuses);
}
