package be.subside.identity;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ApplicantAccountRepository extends JpaRepository<ApplicantAccount, String> {

    java.util.Optional<ApplicantAccount> findByVerificationHash(String verificationHash);

    java.util.Optional<ApplicantAccount> findByResetHash(String resetHash);
}
