package be.subside.notification;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OutboxRepository extends JpaRepository<OutboxMessage, Long> {

    /** Whether a mail is queued already: asked for every mail (JPQL: its SQL is cached). */
    @Query("select case when count(m) > 0 then true else false end from OutboxMessage m"
            + " where m.idempotencyKey = :idempotencyKey")
    boolean existsByIdempotencyKey(String idempotencyKey);

    @Query("select m.idempotencyKey from OutboxMessage m where m.idempotencyKey in :keys")
    Set<String> findQueuedKeys(Collection<String> keys);

    List<OutboxMessage> findByApplicationIdOrderByIdAsc(Long applicationId);

    List<OutboxMessage> findByStatusInOrderByIdDesc(Collection<OutboxMessage.Status> statuses);
}
