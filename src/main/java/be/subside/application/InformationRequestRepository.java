package be.subside.application;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface InformationRequestRepository extends JpaRepository<InformationRequest, Long> {

    Optional<InformationRequest> findFirstByApplicationIdAndStatus(Long applicationId, InformationRequest.Status status);

    List<InformationRequest> findByApplicationIdOrderByIdAsc(Long applicationId);
}
