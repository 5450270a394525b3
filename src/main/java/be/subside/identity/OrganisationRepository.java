package be.subside.identity;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OrganisationRepository extends JpaRepository<Organisation, Long> {

    /** A partner named in a dossier, looked up at every save and submission (JPQL: its SQL is cached). */
    @Query("select o from Organisation o where o.enterpriseNumber = :enterpriseNumber")
    Optional<Organisation> findByEnterpriseNumber(String enterpriseNumber);
}
