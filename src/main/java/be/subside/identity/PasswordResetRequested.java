package be.subside.identity;

import java.time.Instant;

/** Someone asked to reset the password of an existing account: the link goes to that address only. */
public record PasswordResetRequested(String email, Language language, String resetToken, Instant validUntil) {
}
