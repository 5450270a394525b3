package be.subside.application;

import be.subside.call.Call;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface ApplicationRepository extends JpaRepository<Application, Long> {

    /** The case with what its views show (call, lead organisation, partners) loaded. */
    @EntityGraph(attributePaths = {"call", "leadOrganisation", "partners"}, type = EntityGraph.EntityGraphType.LOAD)
    Optional<Application> findDetailedByReference(String reference);

    @EntityGraph(attributePaths = {"call", "leadOrganisation", "partners"}, type = EntityGraph.EntityGraphType.LOAD)
    Optional<Application> findDetailedById(Long id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Application a where a.reference = :reference")
    Optional<Application> findByReferenceForUpdate(String reference);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Application a where a.id = :id")
    Optional<Application> findByIdForUpdate(Long id);

    List<Application> findByCallAndStateIn(Call call, Collection<ApplicationState> states);

    long countByCallAndStateIn(Call call, Collection<ApplicationState> states);

    @EntityGraph(attributePaths = {"call", "leadOrganisation"}, type = EntityGraph.EntityGraphType.LOAD)
    List<Application> findByLeadOrganisationIdInOrderByIdDesc(Collection<Long> organisationIds);
}
