package be.subside.identity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OrganisationMemberRepository extends JpaRepository<OrganisationMember, Long> {

    /** Whether the user acts for the organisation: asked by every portal page and write (JPQL: its SQL is cached). */
    @Query("select case when count(m) > 0 then true else false end from OrganisationMember m"
            + " where m.organisationId = :organisationId and m.userId = :userId")
    boolean existsByOrganisationIdAndUserId(Long organisationId, String userId);

    List<OrganisationMember> findByUserId(String userId);

    List<OrganisationMember> findByOrganisationIdOrderByIdAsc(Long organisationId);

    java.util.Optional<OrganisationMember> findByOrganisationIdAndUserId(Long organisationId, String userId);
}
