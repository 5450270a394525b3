package be.subside.call;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface CallRepository extends JpaRepository<Call, Long> {

    Optional<Call> findByCode(String code);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Call c where c.code = :code")
    Optional<Call> findByCodeForUpdate(String code);
}
