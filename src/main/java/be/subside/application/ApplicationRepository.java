package be.subside.application;

import be.subside.call.Call;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ApplicationRepository extends JpaRepository<Application, Long> {

    String DETAILED = "select a from Application a join fetch a.call join fetch a.leadOrganisation"
            + " left join fetch a.partners";

    /**
     * The case with what its views show (call, lead organisation, partners) loaded. Fetch joins in JPQL rather than an
     * entity graph: Hibernate caches the SQL of a JPQL query, but translates a query with an entity graph anew at every
     * call, and every portal page and submission reads a case this way.
     */
    @Query(DETAILED + " where a.reference = :reference")
    Optional<Application> findDetailedByReference(String reference);

    @Query(DETAILED + " where a.id = :id")
    Optional<Application> findDetailedById(Long id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Application a where a.reference = :reference")
    Optional<Application> findByReferenceForUpdate(String reference);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Application a where a.id = :id")
    Optional<Application> findByIdForUpdate(Long id);

    /** Locks the call's oldest open drafts, at most {@code limit}; the caller closes them in its transaction. */
    @Query(value = "select id from application where call_id = :callId and state = 'DRAFT' order by id"
            + " limit :limit for update", nativeQuery = true)
    List<Long> lockOpenDrafts(Long callId, int limit);

    /** Closes the given drafts; the version moves, so that a submission holding a stale copy fails and retries. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Application a set a.state = be.subside.application.ApplicationState.DRAFT_EXPIRED,"
            + " a.closedAt = :at, a.version = a.version + 1"
            + " where a.id in :ids and a.state = be.subside.application.ApplicationState.DRAFT")
    int closeDrafts(Collection<Long> ids, Instant at);

    /** The cases with what their mails need (call, lead organisation) loaded. */
    @EntityGraph(attributePaths = {"call", "leadOrganisation"}, type = EntityGraph.EntityGraphType.LOAD)
    List<Application> findWithCallAndLeadByIdIn(Collection<Long> ids);

    List<Application> findByCallAndStateIn(Call call, Collection<ApplicationState> states);

    boolean existsByCallAndState(Call call, ApplicationState state);

    long countByCallAndStateIn(Call call, Collection<ApplicationState> states);

    @EntityGraph(attributePaths = {"call", "leadOrganisation"}, type = EntityGraph.EntityGraphType.LOAD)
    List<Application> findByLeadOrganisationIdInOrderByIdDesc(Collection<Long> organisationIds);
}
