package be.subside.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A portal user's login. Applicants have no Camunda identity; their passwords are hashed by Spring Security. An
 * account signs in only once its e-mail address is verified, and is locked for a while after repeated failures.
 */
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

    @Column(nullable = false)
    private boolean verified;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 2)
    private Language language;

    @Column(name = "verification_hash", length = 64)
    private String verificationHash;

    @Column(name = "verification_expires_at")
    private Instant verificationExpiresAt;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "reset_hash", length = 64)
    private String resetHash;

    @Column(name = "reset_expires_at")
    private Instant resetExpiresAt;

    @Column(name = "reset_requested_at")
    private Instant resetRequestedAt;

    protected ApplicantAccount() {
    }

    ApplicantAccount(String userId, String passwordHash, Language language, Instant createdAt) {
        this.userId = userId;
        this.passwordHash = passwordHash;
        this.language = language;
        this.createdAt = createdAt;
    }

    void verified() {
        verified = true;
        verificationHash = null;
        verificationExpiresAt = null;
    }

    void awaitVerification(String hash, Instant expiresAt) {
        verificationHash = hash;
        verificationExpiresAt = expiresAt;
    }

    boolean verificationMatches(String hash, Instant now) {
        return verificationHash != null && verificationHash.equals(hash) && now.isBefore(verificationExpiresAt);
    }

    void loginFailed(int limit, Instant lockUntil) {
        failedLogins++;
        if (failedLogins >= limit) {
            lockedUntil = lockUntil;
            failedLogins = 0;
        }
    }

    /** A reset link was asked for: the previous one, if any, stops working. */
    void awaitReset(String hash, Instant requestedAt, Instant expiresAt) {
        resetHash = hash;
        resetRequestedAt = requestedAt;
        resetExpiresAt = expiresAt;
    }

    boolean resetRequestedSince(Instant since) {
        return resetRequestedAt != null && resetRequestedAt.isAfter(since);
    }

    boolean resetMatches(String hash, Instant now) {
        return resetHash != null && resetHash.equals(hash) && now.isBefore(resetExpiresAt);
    }

    /**
     * The password was reset through a link sent to the address: the link is spent, the address is proven (so the
     * account is verified) and a lock from wrong passwords ends.
     */
    void passwordReset(String newHash) {
        passwordHash = newHash;
        resetHash = null;
        resetExpiresAt = null;
        verified();
        loginSucceeded();
    }

    void loginSucceeded() {
        failedLogins = 0;
        lockedUntil = null;
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    public String getUserId() {
        return userId;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public boolean isVerified() {
        return verified;
    }

    public Language getLanguage() {
        return language;
    }
}
