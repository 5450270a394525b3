package be.subside.identity;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganisationRepository extends JpaRepository<Organisation, Long> {

    Optional<Organisation> findByEnterpriseNumber(String enterpriseNumber);
}
