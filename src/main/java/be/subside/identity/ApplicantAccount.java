package be.subside.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A portal user's login. Applicants have no Camunda identity; their passwords are hashed by Spring Security. */
@Entity
@Table(name = "applicant_account")
public class ApplicantAccount {

    @Id
    @Column(name = "user_id", length = 128)
    private String userId;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ApplicantAccount() {
    }

    ApplicantAccount(String userId, String passwordHash, Instant createdAt) {
        this.userId = userId;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public String getUserId() {
        return userId;
    }

    String getPasswordHash() {
        return passwordHash;
    }
}
