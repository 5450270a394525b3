package be.subside.identity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganisationMemberRepository extends JpaRepository<OrganisationMember, Long> {

    boolean existsByOrganisationIdAndUserId(Long organisationId, String userId);

    List<OrganisationMember> findByUserId(String userId);

    List<OrganisationMember> findByOrganisationIdOrderByIdAsc(Long organisationId);

    java.util.Optional<OrganisationMember> findByOrganisationIdAndUserId(Long organisationId, String userId);
}
